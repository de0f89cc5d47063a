/*
 * peer_cases.c: split one YAML file of the peer test suite (a map of case name -> case) into
 * one directory per case, for tests/peer/run.sh:
 *
 *     peer_cases FILE.yml OUTDIR
 *
 * writes OUTDIR/NAME/current.sql and OUTDIR/NAME/desired.sql (empty when the case has none)
 * and OUTDIR/NAME/meta, one "key<TAB>value" line per other scalar field (flavor, min_version,
 * max_version, enable_drop, offline, error, user, ...; newlines in values become spaces) and
 * "config<TAB>k=v,..." for a mapping field. Prints the case names in file order on stdout.
 * Reads the YAML with libyaml; copies nothing from the file beyond the case texts.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <yaml.h>

static int write_text(const char *dir, const char *file, const char *text)
{
	char path[8192];
	FILE *f;
	snprintf(path, sizeof path, "%s/%s", dir, file);
	f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "peer_cases: cannot write %s: %s\n", path, strerror(errno));
		return -1;
	}
	fputs(text, f);
	return fclose(f) == 0 ? 0 : -1;
}

static const char *scalar(yaml_document_t *doc, yaml_node_t *n)
{
	(void)doc;
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static void meta_value(FILE *f, const char *v)
{
	for (const char *p = v; *p; p++)
		fputc(*p == '\n' || *p == '\t' ? ' ' : *p, f);
}

static int write_case(yaml_document_t *doc, const char *outdir, const char *name, yaml_node_t *c)
{
	char dir[2048], path[4096];
	const char *current = "", *desired = "";
	FILE *meta;

	snprintf(dir, sizeof dir, "%s/%s", outdir, name);
	if (mkdir(dir, 0777) < 0 && errno != EEXIST) {
		fprintf(stderr, "peer_cases: cannot create %s: %s\n", dir, strerror(errno));
		return -1;
	}
	snprintf(path, sizeof path, "%s/meta", dir);
	meta = fopen(path, "w");
	if (!meta)
		return -1;
	if (c->type == YAML_MAPPING_NODE) {
		for (yaml_node_pair_t *p = c->data.mapping.pairs.start; p < c->data.mapping.pairs.top; p++) {
			const char *k = scalar(doc, yaml_document_get_node(doc, p->key));
			yaml_node_t *vn = yaml_document_get_node(doc, p->value);
			const char *v = scalar(doc, vn);
			if (!k)
				continue;
			if (!strcmp(k, "current") && v) {
				current = v;
			} else if (!strcmp(k, "desired") && v) {
				desired = v;
			} else if (v) {
				fprintf(meta, "%s\t", k);
				meta_value(meta, v);
				fputc('\n', meta);
			} else if (vn && vn->type == YAML_MAPPING_NODE) {
				fprintf(meta, "%s\t", k);
				for (yaml_node_pair_t *q = vn->data.mapping.pairs.start; q < vn->data.mapping.pairs.top; q++) {
					const char *kk = scalar(doc, yaml_document_get_node(doc, q->key));
					const char *vv = scalar(doc, yaml_document_get_node(doc, q->value));
					fprintf(meta, "%s%s=", q == vn->data.mapping.pairs.start ? "" : ",", kk ? kk : "?");
					meta_value(meta, vv ? vv : "(complex)");
				}
				fputc('\n', meta);
			} else if (vn) {
				fprintf(meta, "%s\t(complex)\n", k);
			}
		}
	}
	if (fclose(meta) != 0 || write_text(dir, "current.sql", current) < 0 ||
	    write_text(dir, "desired.sql", desired) < 0)
		return -1;
	printf("%s\n", name);
	return 0;
}

int main(int argc, char **argv)
{
	FILE *in;
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root;
	int rc = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: peer_cases FILE.yml OUTDIR\n");
		return 1;
	}
	in = fopen(argv[1], "rb");
	if (!in) {
		fprintf(stderr, "peer_cases: cannot open %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	if (mkdir(argv[2], 0777) < 0 && errno != EEXIST) {
		fprintf(stderr, "peer_cases: cannot create %s: %s\n", argv[2], strerror(errno));
		fclose(in);
		return 1;
	}
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, in);
	if (!yaml_parser_load(&parser, &doc)) {
		fprintf(stderr, "peer_cases: %s: YAML error: %s at line %lu\n", argv[1],
			parser.problem ? parser.problem : "?", (unsigned long)parser.problem_mark.line + 1);
		yaml_parser_delete(&parser);
		fclose(in);
		return 1;
	}
	root = yaml_document_get_root_node(&doc);
	if (root && root->type == YAML_MAPPING_NODE) {
		for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top && !rc; p++) {
			const char *name = scalar(&doc, yaml_document_get_node(&doc, p->key));
			if (name && write_case(&doc, argv[2], name, yaml_document_get_node(&doc, p->value)) < 0)
				rc = 1;
		}
	}
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	fclose(in);
	return rc;
}
