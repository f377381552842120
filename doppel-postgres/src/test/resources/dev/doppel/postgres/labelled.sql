-- A schema whose columns are labelled personal or not (labelled.txt), for measuring the scanner.
-- Values are generated: shaped like real data, none of it real.
CREATE SCHEMA fx;
CREATE FUNCTION fx.pick(items text[], i integer) RETURNS text LANGUAGE sql IMMUTABLE
    AS $$ SELECT items[1 + (i * 7 + i / 3) % array_length(items, 1)] $$;
CREATE FUNCTION fx.luhn(digits text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE sum integer := 0; d integer; twice boolean := true;
BEGIN
    FOR k IN REVERSE length(digits)..1 LOOP
        d := substr(digits, k, 1)::integer;
        IF twice THEN d := d * 2; IF d > 9 THEN d := d - 9; END IF; END IF;
        sum := sum + d; twice := NOT twice;
    END LOOP;
    RETURN digits || ((10 - sum % 10) % 10)::text;
END $$;
CREATE FUNCTION fx.my_number(eleven text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE sum integer := 0; p integer; q integer; r integer;
BEGIN
    FOR n IN 1..11 LOOP
        p := substr(eleven, 12 - n, 1)::integer;
        q := CASE WHEN n <= 6 THEN n + 1 ELSE n - 5 END;
        sum := sum + p * q;
    END LOOP;
    r := sum % 11;
    RETURN eleven || (CASE WHEN r <= 1 THEN 0 ELSE 11 - r END)::text;
END $$;

CREATE SCHEMA crm;
CREATE SCHEMA shop;
CREATE SCHEMA hr;
CREATE SCHEMA ops;

CREATE TABLE crm.customers (
    id               bigserial PRIMARY KEY,
    email            text NOT NULL UNIQUE,
    full_name        text,
    phone            text,
    birth_date       date,
    zip              text,
    address          text,
    status           text NOT NULL,
    created_at       timestamptz NOT NULL,
    email_verified   boolean,
    loyalty_points   integer,
    last_login_ip    inet,
    line_id          text,
    password_hash    text,
    notes            text,
    profile          jsonb,
    country          char(2),
    contact          text
);
INSERT INTO crm.customers (email, full_name, phone, birth_date, zip, address, status, created_at, email_verified,
                           loyalty_points, last_login_ip, line_id, password_hash, notes, profile, country, contact)
SELECT 'customer' || i || '@example.jp',
       fx.pick(ARRAY['Hanako', 'Taro', 'Emma', 'Liam', 'Yuki', 'Sofia'], i) || ' '
           || fx.pick(ARRAY['Yamada', 'Tanaka', 'Smith', 'Garcia', 'Suzuki', 'Brown'], i + 1),
       '090-' || lpad((1000 + i)::text, 4, '0') || '-' || lpad((i * 37 % 10000)::text, 4, '0'),
       date '1950-01-01' + (i * 97 % 20000),
       lpad((100 + i % 900)::text, 3, '0') || '-' || lpad((i * 13 % 10000)::text, 4, '0'),
       fx.pick(ARRAY['東京都新宿区西新宿', '大阪府大阪市北区梅田', '北海道札幌市中央区北一条', '福岡県福岡市博多区'], i) || (i % 9 + 1) || '-' || i,
       fx.pick(ARRAY['active', 'inactive', 'suspended'], i),
       timestamptz '2023-01-01' + i * interval '7 hours',
       i % 3 = 0,
       i * 11 % 5000,
       ('10.' || i % 250 || '.' || i * 7 % 250 || '.' || i % 199)::inet,
       'line_' || md5(i::text),
       '$2a$10$' || md5('pw' || i),
       CASE WHEN i % 4 = 0 THEN 'called on 03-1234-' || lpad(i::text, 4, '0') || ', wants a refund'
            WHEN i % 4 = 1 THEN 'prefers e-mail: alt' || i || '@example.net'
            ELSE 'VIP since ' || (2000 + i % 20) END,
       jsonb_build_object('newsletter', i % 2 = 0, 'contact', jsonb_build_object('mail', 'p' || i || '@example.com',
           'tel', '+81-80-' || lpad(i::text, 4, '0') || '-' || lpad((i * 3)::text, 4, '0'))),
       fx.pick(ARRAY['JP', 'US', 'DE'], i),
       'c' || i || '.contact@example.org'
FROM generate_series(1, 300) AS i;

CREATE TABLE crm.kaiin (
    kaiin_id     integer PRIMARY KEY,
    shimei       text NOT NULL,
    shimei_kana  text,
    seinengappi  date,
    denwa        text,
    yubin_bango  text,
    jusho        text,
    nyukai_bi    date,
    kaiin_rank   text,
    mail         text
);
INSERT INTO crm.kaiin
SELECT i,
       fx.pick(ARRAY['山田', '佐藤', '鈴木', '高橋', '田中', '渡辺'], i) || ' ' || fx.pick(ARRAY['太郎', '花子', '健', '由美', '翔太'], i + 2),
       fx.pick(ARRAY['ヤマダ', 'サトウ', 'スズキ', 'タカハシ', 'タナカ', 'ワタナベ'], i) || ' ' || fx.pick(ARRAY['タロウ', 'ハナコ', 'ケン', 'ユミ', 'ショウタ'], i + 2),
       date '1945-04-01' + (i * 131 % 21000),
       '0' || (3 + i % 6) || '-' || lpad((i * 17 % 10000)::text, 4, '0') || '-' || lpad((i * 29 % 10000)::text, 4, '0'),
       lpad((100 + i * 7 % 900)::text, 3, '0') || '-' || lpad((i * 31 % 10000)::text, 4, '0'),
       fx.pick(ARRAY['京都府京都市左京区', '神奈川県横浜市中区', '愛知県名古屋市中村区'], i) || (i % 5 + 1) || '丁目' || (i % 20 + 1) || '-' || (i % 9 + 1),
       date '2018-01-01' + i * 5,
       fx.pick(ARRAY['gold', 'silver', 'bronze'], i),
       'kaiin' || i || '@example.co.jp'
FROM generate_series(1, 250) AS i;

CREATE TABLE crm."顧客" (
    "顧客番号"        integer PRIMARY KEY,
    "氏名"           text,
    "フリガナ"        text,
    "電話番号"        text,
    "郵便番号"        text,
    "住所"           text,
    "生年月日"        date,
    "メールアドレス"   text,
    "備考"           text,
    "登録日"         date
);
INSERT INTO crm."顧客"
SELECT i,
       fx.pick(ARRAY['伊藤', '中村', '小林', '加藤'], i) || '　' || fx.pick(ARRAY['美咲', '大輔', '陽子', '誠'], i + 1),
       fx.pick(ARRAY['イトウ', 'ナカムラ', 'コバヤシ', 'カトウ'], i) || '　' || fx.pick(ARRAY['ミサキ', 'ダイスケ', 'ヨウコ', 'マコト'], i + 1),
       '０８０－' || lpad((i * 7 % 10000)::text, 4, '0') || '－' || lpad((i * 11 % 10000)::text, 4, '0'),
       '〒' || lpad((100 + i % 900)::text, 3, '0') || '-' || lpad((i * 3 % 10000)::text, 4, '0'),
       fx.pick(ARRAY['千葉県千葉市中央区', '埼玉県さいたま市浦和区', '兵庫県神戸市中央区'], i) || i || '番地',
       date '1960-01-01' + (i * 71 % 15000),
       'kokyaku' || i || '@example.ne.jp',
       CASE WHEN i % 5 = 0 THEN '折り返し連絡先 090-' || lpad(i::text, 4, '0') || '-1234' ELSE '特になし' END,
       date '2020-01-01' + i
FROM generate_series(1, 200) AS i;

CREATE TABLE crm.leads (
    id        serial PRIMARY KEY,
    source    text,
    info      text,
    extra     jsonb,
    score     numeric(5, 2),
    received  timestamptz
);
INSERT INTO crm.leads (source, info, extra, score, received)
SELECT fx.pick(ARRAY['web', 'fair', 'partner'], i),
       '+81 3 ' || lpad((i * 19 % 10000)::text, 4, '0') || ' ' || lpad((i * 23 % 10000)::text, 4, '0'),
       jsonb_build_object('utm', 'spring', 'people', jsonb_build_array(jsonb_build_object('mail', 'lead' || i || '@example.org'))),
       (i % 100) / 1.5,
       timestamptz '2024-03-01' + i * interval '1 hour'
FROM generate_series(1, 150) AS i;

CREATE TABLE crm.contact_prefs (
    customer_id    bigint PRIMARY KEY,
    mail_count     integer,
    phone_type     text,
    email_template text,
    zip_file       text,
    card_type      text,
    tel_verified_at timestamptz
);
INSERT INTO crm.contact_prefs
SELECT i, i % 12, fx.pick(ARRAY['mobile', 'home', 'work'], i), fx.pick(ARRAY['welcome_v2', 'reminder', 'winback'], i),
       'export_' || i || '.zip', fx.pick(ARRAY['visa', 'master', 'jcb'], i), timestamptz '2024-01-01' + i * interval '1 day'
FROM generate_series(1, 200) AS i;

CREATE TABLE shop.products (
    id          serial PRIMARY KEY,
    name        text NOT NULL,
    sku         text NOT NULL,
    price       numeric(10, 2),
    description text,
    category    text,
    created_at  timestamptz,
    stock       integer,
    weight_g    integer
);
INSERT INTO shop.products (name, sku, price, description, category, created_at, stock, weight_g)
SELECT fx.pick(ARRAY['Coffee Mug', 'Tea Pot', 'Desk Lamp', 'Notebook', 'Water Bottle'], i) || ' ' || i,
       'SKU-' || lpad(i::text, 6, '0'),
       (i * 37 % 10000) / 100.0,
       'A sturdy ' || fx.pick(ARRAY['ceramic', 'steel', 'paper'], i) || ' item, ' || (i % 5 + 1) || ' colours',
       fx.pick(ARRAY['kitchen', 'office', 'outdoor'], i),
       timestamptz '2022-01-01' + i * interval '1 day',
       i * 3 % 400,
       100 + i % 900
FROM generate_series(1, 200) AS i;

CREATE TABLE shop.orders (
    id               bigserial PRIMARY KEY,
    customer_id      bigint,
    ordered_at       timestamptz,
    total            numeric(12, 2),
    shipping_zip     text,
    shipping_address text,
    contact_phone    text,
    card_number      text,
    card_last4       text,
    status           text,
    coupon_code      text
);
INSERT INTO shop.orders (customer_id, ordered_at, total, shipping_zip, shipping_address, contact_phone, card_number,
                         card_last4, status, coupon_code)
SELECT 1 + i % 300, timestamptz '2024-01-01' + i * interval '3 hours', (i * 53 % 50000) / 100.0,
       lpad((100 + i % 900)::text, 3, '0') || '-' || lpad((i * 7 % 10000)::text, 4, '0'),
       (100 + i) || ' ' || fx.pick(ARRAY['Maple Street', 'Oak Avenue', 'Pine Road'], i) || ', Springfield',
       '070-' || lpad((i * 3 % 10000)::text, 4, '0') || '-' || lpad((i * 9 % 10000)::text, 4, '0'),
       fx.luhn('4' || lpad((i * 7919 % 1000000000)::text, 9, '0') || lpad((i % 100000)::text, 5, '0')),
       lpad((i * 7 % 10000)::text, 4, '0'),
       fx.pick(ARRAY['paid', 'shipped', 'cancelled'], i),
       fx.pick(ARRAY['SPRING10', 'WELCOME', 'NONE'], i)
FROM generate_series(1, 400) AS i;

CREATE TABLE hr.employees (
    employee_no  text PRIMARY KEY,
    first_name   text NOT NULL,
    last_name    text NOT NULL,
    my_number    text,
    mobile       text,
    department   text,
    hire_date    date,
    salary       integer,
    email_work   text
);
INSERT INTO hr.employees
SELECT 'E' || lpad(i::text, 5, '0'),
       fx.pick(ARRAY['Aiko', 'Ken', 'Mina', 'Ryo', 'Sara'], i),
       fx.pick(ARRAY['Abe', 'Kato', 'Mori', 'Ono', 'Sato'], i + 3),
       fx.my_number(lpad((i * 7919 % 100000000000)::text, 11, '0')),
       '+81 90 ' || lpad((i * 13 % 10000)::text, 4, '0') || ' ' || lpad((i * 17 % 10000)::text, 4, '0'),
       fx.pick(ARRAY['sales', 'engineering', 'support'], i),
       date '2000-04-01' + (i * 41 % 9000),
       3000000 + i * 12345 % 5000000,
       'emp' || i || '@corp.example'
FROM generate_series(1, 120) AS i;

CREATE TABLE ops.access_log (
    id          bigserial PRIMARY KEY,
    occurred_at timestamptz NOT NULL,
    remote_addr text,
    user_agent  text,
    path        text,
    status_code integer,
    bytes       integer
);
INSERT INTO ops.access_log (occurred_at, remote_addr, user_agent, path, status_code, bytes)
SELECT timestamptz '2024-06-01' + i * interval '1 minute',
       CASE WHEN i % 5 = 0 THEN '2001:db8::' || to_hex(i) ELSE '198.51.100.' || (i % 250) END,
       fx.pick(ARRAY['Mozilla/5.0 (X11; Linux x86_64)', 'curl/8.5.0', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0)'], i),
       '/products/' || (i % 200),
       fx.pick(ARRAY['200', '200', '304', '404'], i)::integer,
       i * 97 % 100000
FROM generate_series(1, 500) AS i;

CREATE TABLE ops.settings (name text PRIMARY KEY, value text, updated_at timestamptz);
INSERT INTO ops.settings VALUES ('retention_days', '30', now()), ('feature_x', 'true', now()), ('theme', 'dark', now()),
    ('currency', 'JPY', now()), ('timezone', 'Asia/Tokyo', now());
ANALYZE;
