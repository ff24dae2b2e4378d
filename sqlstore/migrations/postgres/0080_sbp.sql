-- СБП payments and the fiscal receipt's contact (issue 21). Keep in step
-- with ../sqlite/0080_sbp.sql.

-- How the order is paid (card or sbp), and where its receipt goes.
ALTER TABLE payment_orders ADD COLUMN method TEXT NOT NULL DEFAULT 'card';
ALTER TABLE payment_orders ADD COLUMN contact TEXT NOT NULL DEFAULT '';

-- The dynamic СБП QR code the acquirer made for an order
-- (sbp/c2b/qr/dynamic/get.do): its id, the payload link and the image.
CREATE TABLE payment_sbp (
    order_id BIGINT PRIMARY KEY REFERENCES payment_orders (id),
    qr_id    TEXT NOT NULL,
    payload  TEXT NOT NULL,
    image    TEXT NOT NULL -- base64 PNG, as the acquirer sends it
);
