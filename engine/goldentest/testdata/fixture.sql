-- The fixture of the golden tests: a small hiring and ordering data set,
-- written in SQL that PostgreSQL 15 and DuckDB 1.4 both accept. Statements
-- end with a semicolon at the end of a line.

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  team TEXT,
  joined_on DATE NOT NULL,
  active BOOLEAN NOT NULL
);

CREATE TABLE interviews (
  id INTEGER PRIMARY KEY,
  candidate TEXT NOT NULL,
  interviewer_id INTEGER NOT NULL REFERENCES users (id),
  held_on DATE NOT NULL,
  role TEXT,
  duration_min INTEGER NOT NULL
);

CREATE TABLE ratings (
  interview_id INTEGER NOT NULL REFERENCES interviews (id),
  user_id INTEGER NOT NULL REFERENCES users (id),
  score INTEGER NOT NULL,
  note TEXT,
  PRIMARY KEY (interview_id, user_id)
);

CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  region TEXT,
  tier TEXT NOT NULL
);

CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  ordered_on DATE NOT NULL,
  amount DECIMAL(12, 2) NOT NULL,
  quantity INTEGER NOT NULL,
  discount DECIMAL(12, 2),
  status TEXT NOT NULL
);

CREATE TABLE shipments (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  shipped_on DATE NOT NULL,
  packages INTEGER NOT NULL,
  cost DECIMAL(10, 2) NOT NULL
);

CREATE TABLE readings (
  id INTEGER PRIMARY KEY,
  sensor TEXT NOT NULL,
  taken_at TIMESTAMP NOT NULL,
  value DOUBLE PRECISION,
  delta BIGINT NOT NULL
);

-- Users: two without a team (NULL), one name with a quote.
INSERT INTO users (id, name, team, joined_on, active) VALUES
  (1, 'Ana', 'search', DATE '2023-01-10', TRUE),
  (2, 'Ben', 'search', DATE '2023-03-01', TRUE),
  (3, 'Chloe', 'ads', DATE '2023-06-15', TRUE),
  (4, 'Dmitri', NULL, DATE '2024-02-29', TRUE),
  (5, 'Eve O''Neil', 'ads', DATE '2024-07-01', TRUE),
  (6, 'Finn', NULL, DATE '2024-12-31', FALSE);

-- Interviews: 2024-12-30 is the Monday that starts ISO week 1 of 2025;
-- role is NULL for two of them; candidates with quotes.
INSERT INTO interviews (id, candidate, interviewer_id, held_on, role, duration_min) VALUES
  (101, 'Pat', 1, DATE '2024-12-30', 'backend', 45),
  (102, 'Quinn', 2, DATE '2025-01-02', 'frontend', 60),
  (103, 'Rae', 1, DATE '2025-01-08', NULL, 30),
  (104, 'Sam "the man"', 3, DATE '2025-01-09', 'backend', 50),
  (105, 'Tia', 4, DATE '2025-01-15', 'data', 55),
  (106, 'Uma', 5, DATE '2025-01-16', NULL, 40),
  (107, 'Vic O''Hara', 2, DATE '2025-01-20', 'frontend', 35),
  (108, 'Wes', 3, DATE '2025-02-03', 'data', 90);

-- Ratings: user 1 rated 101, 102 and 104 low while others rated them
-- high; 107 low by everyone; 105 and 108 not by user 1; 108 by nobody.
INSERT INTO ratings (interview_id, user_id, score, note) VALUES
  (101, 1, 2, 'weak on SQL'),
  (101, 2, 5, NULL),
  (101, 3, 4, 'solid'),
  (101, 4, 1, NULL),
  (102, 1, 1, 'no show'),
  (102, 2, 4, NULL),
  (102, 5, 5, 'great'),
  (103, 1, 3, NULL),
  (103, 3, 2, NULL),
  (104, 1, 2, 'said "maybe"'),
  (104, 2, 2, NULL),
  (104, 4, 4, NULL),
  (105, 2, 5, NULL),
  (105, 3, 5, NULL),
  (106, 1, 5, NULL),
  (106, 5, 1, 'it''s a no'),
  (107, 1, 1, NULL),
  (107, 4, 2, NULL);

-- Customers: names with quotes, a backslash and a comma; two without
-- region; Idle Co has neither orders nor shipments.
INSERT INTO customers (id, name, region, tier) VALUES
  (1, 'O''Brien & Sons', 'north', 'gold'),
  (2, 'Say "hi" Ltd', 'south', 'silver'),
  (3, 'back\slash co', NULL, 'gold'),
  (4, 'Comma, Inc', 'north', 'bronze'),
  (5, 'Zed', NULL, 'silver'),
  (6, 'Idle Co', 'east', 'bronze');

-- Orders, weekly (ISO weeks start on Monday): customer 1 orders in the
-- weeks of 2024-12-23, 2024-12-30, 2025-01-06, then not in 2025-01-13,
-- then 2025-01-20; no customer orders in the week of 2025-02-03.
INSERT INTO orders (id, customer_id, ordered_on, amount, quantity, discount, status) VALUES
  (1, 1, DATE '2024-12-29', 100.00, 2, NULL, 'shipped'),
  (2, 1, DATE '2024-12-30', 250.50, 5, 10.00, 'shipped'),
  (3, 1, DATE '2025-01-01', 75.25, 1, NULL, 'cancelled'),
  (4, 1, DATE '2025-01-05', 20.00, 1, 0.00, 'shipped'),
  (5, 1, DATE '2025-01-06', 300.00, 3, 15.50, 'shipped'),
  (6, 1, DATE '2025-01-21', 125.00, 2, NULL, 'shipped'),
  (7, 2, DATE '2025-01-02', 999.99, 9, 99.99, 'shipped'),
  (8, 2, DATE '2025-01-07', 10.01, 1, NULL, 'returned'),
  (9, 2, DATE '2025-01-14', 42.00, 2, NULL, 'shipped'),
  (10, 3, DATE '2025-01-15', 45.00, 3, 5.00, 'shipped'),
  (11, 3, DATE '2025-01-28', 60.00, 4, NULL, 'pending'),
  (12, 4, DATE '2025-01-27', 1200.00, 12, 120.00, 'shipped'),
  (13, 5, DATE '2025-02-11', 33.33, 1, NULL, 'shipped'),
  (14, 1, DATE '2025-02-12', 66.67, 2, NULL, 'shipped'),
  (15, 2, DATE '2025-04-02', 500.00, 5, NULL, 'shipped'),
  (16, 4, DATE '2024-11-15', 80.00, 1, NULL, 'shipped'),
  (17, 5, DATE '2025-01-03', -15.00, 1, NULL, 'refund');

-- Shipments: customer 1 ships in the week of 2025-01-13 without orders;
-- customer 3 ships in the week of 2025-01-20 without orders; customer 2
-- orders in the week of 2025-01-13 without shipments.
INSERT INTO shipments (id, customer_id, shipped_on, packages, cost) VALUES
  (1, 1, DATE '2024-12-31', 2, 12.50),
  (2, 1, DATE '2025-01-02', 1, 7.25),
  (3, 1, DATE '2025-01-08', 3, 20.00),
  (4, 2, DATE '2025-01-03', 4, 30.00),
  (5, 2, DATE '2025-01-09', 1, 5.00),
  (6, 3, DATE '2025-01-22', 2, 15.00),
  (7, 4, DATE '2025-01-29', 6, 48.00),
  (8, 1, DATE '2025-01-14', 1, 9.99);

-- Readings: timestamps without a zone, doubles with a NULL, values that
-- round differently half-up and half-even, big and negative integers.
INSERT INTO readings (id, sensor, taken_at, value, delta) VALUES
  (1, 'alpha', TIMESTAMP '2025-01-01 08:15:00', 1.5, 4000000000000000000),
  (2, 'alpha', TIMESTAMP '2025-01-01 17:45:30', 2.5, 4000000000000000000),
  (3, 'alpha', TIMESTAMP '2025-01-02 09:00:00', 4.0, -5),
  (4, 'alpha', TIMESTAMP '2025-01-03 23:59:59', NULL, -1),
  (5, 'beta', TIMESTAMP '2025-01-01 00:00:00', -3.25, -9000000000000000),
  (6, 'beta', TIMESTAMP '2025-02-14 12:30:00', 10.0, 7),
  (7, 'beta', TIMESTAMP '2025-03-01 06:00:00', 0.0, 0),
  (8, 'beta', TIMESTAMP '2025-03-01 06:00:01', 2.675, 12),
  (9, 'gamma', TIMESTAMP '2025-01-01 12:00:00', 100.0, 123456789012);

-- A table and columns named by SQL keywords, with a capital and a space.
CREATE TABLE "group" (
  id INTEGER PRIMARY KEY,
  "order" INTEGER NOT NULL,
  "Display Name" TEXT,
  "select" DECIMAL(5, 1)
);

INSERT INTO "group" (id, "order", "Display Name", "select") VALUES
  (1, 2, 'Second', 1.5),
  (2, 1, 'First', NULL),
  (3, 2, NULL, -0.5);

-- Check-ins: instants (timestamptz) around both 2025 DST changes of
-- America/Denver (2025-03-09 02:00 MST -> 03:00 MDT; 2025-11-02 02:00 MDT
-- -> 01:00 MST), written with their local offsets. Sunday evenings fall
-- on Monday in UTC, so grouped in UTC they land in the next week.
CREATE TABLE checkins (
  id INTEGER PRIMARY KEY,
  site TEXT NOT NULL,
  seen_at TIMESTAMPTZ NOT NULL,
  minutes INTEGER NOT NULL
);

INSERT INTO checkins (id, site, seen_at, minutes) VALUES
  (1, 'east', TIMESTAMPTZ '2025-03-02 18:00:00-07', 5),
  (2, 'east', TIMESTAMPTZ '2025-03-08 23:30:00-07', 10),
  (3, 'east', TIMESTAMPTZ '2025-03-09 01:59:00-07', 20),
  (4, 'west', TIMESTAMPTZ '2025-03-09 03:00:00-06', 30),
  (5, 'east', TIMESTAMPTZ '2025-03-09 20:00:00-06', 40),
  (6, 'west', TIMESTAMPTZ '2025-03-10 00:30:00-06', 50),
  (7, 'east', TIMESTAMPTZ '2025-03-16 19:00:00-06', 60),
  (8, 'east', TIMESTAMPTZ '2025-11-01 23:00:00-06', 15),
  (9, 'east', TIMESTAMPTZ '2025-11-02 01:30:00-06', 25),
  (10, 'west', TIMESTAMPTZ '2025-11-02 01:30:00-07', 35),
  (11, 'west', TIMESTAMPTZ '2025-11-02 23:30:00-07', 45),
  (12, 'east', TIMESTAMPTZ '2025-11-03 00:15:00-07', 55);
