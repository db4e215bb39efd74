-- The database side of the CDC example: run as a superuser, for example
--   psql -h /tmp -p 5432 -U postgres -f examples/cdc/shop.sql
-- (the README's walk-through). PostgreSQL must run with wal_level=logical.
CREATE DATABASE shop;
\connect shop
-- The user orders-source connects as. Its password is the one in postgres-credentials.yaml: change both together.
CREATE ROLE patchbay_cdc LOGIN REPLICATION PASSWORD 'change-me';
CREATE TABLE public.orders (
  id serial PRIMARY KEY,
  customer text NOT NULL,
  amount numeric(10, 2) NOT NULL
);
-- SELECT for the initial snapshot; the publication lists the tables whose changes pgoutput decodes.
GRANT SELECT ON public.orders TO patchbay_cdc;
CREATE PUBLICATION patchbay_orders FOR TABLE public.orders;
INSERT INTO public.orders (customer, amount) VALUES ('alice', 12.50);
