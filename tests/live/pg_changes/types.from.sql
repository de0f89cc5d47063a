CREATE SCHEMA app;
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE app.state AS ENUM ('new', 'old');
CREATE TYPE color AS ENUM ('red', 'green');
CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
CREATE DOMAIN email AS text NOT NULL;
CREATE TYPE pair AS (a integer, b text);
CREATE TYPE gone AS ENUM ('x');
CREATE TABLE uses (m mood, s app.state, c color, p posint, e email, pr pair);
