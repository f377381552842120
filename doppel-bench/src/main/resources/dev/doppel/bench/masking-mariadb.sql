UPDATE customers SET full_name = CONCAT('Customer ', id),
                     email = CONCAT('user', id, '@example.com'),
                     phone = CONCAT('090-', LPAD(id % 10000, 4, '0'), '-', LPAD(id * 7 % 10000, 4, '0')),
                     address = CONCAT(id % 999, ' Example Street'),
                     birth_date = birth_date + INTERVAL (id % 61) - 30 DAY,
                     notes = NULL;
UPDATE orders SET shipping_note = NULL WHERE shipping_note IS NOT NULL;
UPDATE documents SET owner_email = CONCAT('user', customer_id, '@example.com');
