CREATE TABLE notes (body text DEFAULT 'unfinished);
