UPDATE customers SET full_name = 'Customer ' || id,
                     email = 'user' || id || '@example.com',
                     phone = '090-' || lpad((id % 10000)::text, 4, '0') || '-' || lpad((id * 7 % 10000)::text, 4, '0'),
                     address = (id % 999) || ' Example Street',
                     birth_date = birth_date + (id % 61)::int - 30,
                     notes = NULL;
UPDATE orders SET shipping_note = NULL WHERE shipping_note IS NOT NULL;
UPDATE documents SET owner_email = 'user' || customer_id || '@example.com';
