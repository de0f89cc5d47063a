\restrict x
SET search_path = app;
SELECT pg_catalog.set_config('search_path', '', false);
CREATE TABLE public.t (id integer NOT NULL, v text);
COPY public.t (id, v) FROM stdin;
1	a
\.
ALTER TABLE ONLY public.t ADD CONSTRAINT t_pkey PRIMARY KEY (id);
CREATE AGGREGATE public.agg(text) (SFUNC = textcat, STYPE = text);
ALTER TABLE public.t OWNER TO x;
GRANT ALL ON public.t TO y;
