/*
 * workflow_steps.c: a GitHub Actions workflow's job taken apart for tests/live/examples.sh,
 * which runs the job's shell steps against the test servers. With libyaml (already linked for
 * the peer runner). Writes into OUTDIR:
 *
 *   env          `export NAME='value'` for the literal values of the workflow's and the job's
 *                env (the job's win)
 *   env.expr     "NAME EXPRESSION" for env values that are ${{ ... }} expressions (secrets,
 *                contexts): the test must supply each
 *   NN.run       the shell text of step NN (01, 02, ...) with a run: key
 *   NN.env       its own env, as in env (literal values only; expressions go to env.expr)
 *   NN.uses      the action of a step with uses: (the test emulates the ones it knows)
 *   NN.with      its with: inputs, one "name=value" line each
 *   NN.if        the step's if: condition, when it has one
 *   NN.name      the step's name, when it has one
 *
 * It prints the number of steps. Exit 1 on a YAML error, a missing job, or a run: step whose
 * text holds a ${{ ... }} expression (the examples keep expressions in env: so that their
 * shell text runs as it is).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

static const char *scalar(yaml_document_t *doc, yaml_node_t *n)
{
	(void)doc;
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static yaml_node_t *map_get(yaml_document_t *doc, yaml_node_t *map, const char *key)
{
	if (!map || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		const char *k = scalar(doc, yaml_document_get_node(doc, p->key));
		if (k && !strcmp(k, key))
			return yaml_document_get_node(doc, p->value);
	}
	return NULL;
}

static int write_file(const char *dir, const char *name, const char *text)
{
	char path[4096];
	FILE *f;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		fprintf(stderr, "workflow_steps: cannot write %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* `export K='V'` lines of an env mapping into f; expression values as "K EXPR" lines into
 * expr. */
static void write_env(yaml_document_t *doc, yaml_node_t *env, FILE *f, FILE *expr)
{
	if (!env || env->type != YAML_MAPPING_NODE)
		return;
	for (yaml_node_pair_t *p = env->data.mapping.pairs.start; p < env->data.mapping.pairs.top; p++) {
		const char *k = scalar(doc, yaml_document_get_node(doc, p->key));
		const char *v = scalar(doc, yaml_document_get_node(doc, p->value));
		if (!k || !v)
			continue;
		if (strstr(v, "${{")) {
			fprintf(expr, "%s %s\n", k, v);
			continue;
		}
		fprintf(f, "export %s='", k);
		for (const char *c = v; *c; c++) {
			if (*c == '\'')
				fputs("'\\''", f);
			else
				fputc(*c, f);
		}
		fputs("'\n", f);
	}
}

int main(int argc, char **argv)
{
	FILE *in, *env, *expr;
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root, *job, *steps;
	char path[4096];
	int rc = 1, n = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: workflow_steps FILE.yml JOB OUTDIR\n");
		return 1;
	}
	in = fopen(argv[1], "rb");
	if (!in) {
		fprintf(stderr, "workflow_steps: cannot open %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	if (mkdir(argv[3], 0777) < 0 && errno != EEXIST) {
		fprintf(stderr, "workflow_steps: cannot create %s: %s\n", argv[3], strerror(errno));
		fclose(in);
		return 1;
	}
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, in);
	if (!yaml_parser_load(&parser, &doc)) {
		fprintf(stderr, "workflow_steps: %s: YAML error: %s at line %lu\n", argv[1],
			parser.problem ? parser.problem : "?", (unsigned long)parser.problem_mark.line + 1);
		yaml_parser_delete(&parser);
		fclose(in);
		return 1;
	}
	root = yaml_document_get_root_node(&doc);
	job = map_get(&doc, map_get(&doc, root, "jobs"), argv[2]);
	steps = map_get(&doc, job, "steps");
	if (!steps || steps->type != YAML_SEQUENCE_NODE) {
		fprintf(stderr, "workflow_steps: %s: no job \"%s\" with steps\n", argv[1], argv[2]);
		goto out;
	}
	snprintf(path, sizeof path, "%s/env", argv[3]);
	env = fopen(path, "w");
	snprintf(path, sizeof path, "%s/env.expr", argv[3]);
	expr = fopen(path, "w");
	if (!env || !expr) {
		fprintf(stderr, "workflow_steps: cannot write into %s\n", argv[3]);
		if (env)
			fclose(env);
		if (expr)
			fclose(expr);
		goto out;
	}
	write_env(&doc, map_get(&doc, root, "env"), env, expr);
	write_env(&doc, map_get(&doc, job, "env"), env, expr);
	fclose(env);
	rc = 0;
	for (yaml_node_item_t *it = steps->data.sequence.items.start; it < steps->data.sequence.items.top && !rc; it++) {
		yaml_node_t *step = yaml_document_get_node(&doc, *it);
		const char *run = scalar(&doc, map_get(&doc, step, "run"));
		const char *uses = scalar(&doc, map_get(&doc, step, "uses"));
		const char *cond = scalar(&doc, map_get(&doc, step, "if"));
		const char *name = scalar(&doc, map_get(&doc, step, "name"));
		char file[32];
		n++;
		if (run) {
			if (strstr(run, "${{")) {
				fprintf(stderr, "workflow_steps: %s: step %d runs a ${{ }} expression; put it in env:\n",
					argv[1], n);
				rc = 1;
				break;
			}
			snprintf(file, sizeof file, "%02d.run", n);
			rc |= write_file(argv[3], file, run) < 0;
			snprintf(path, sizeof path, "%s/%02d.env", argv[3], n);
			env = fopen(path, "w");
			if (!env) {
				rc = 1;
				break;
			}
			write_env(&doc, map_get(&doc, step, "env"), env, expr);
			fclose(env);
		}
		if (uses) {
			yaml_node_t *with = map_get(&doc, step, "with");
			snprintf(file, sizeof file, "%02d.uses", n);
			rc |= write_file(argv[3], file, uses) < 0;
			snprintf(path, sizeof path, "%s/%02d.with", argv[3], n);
			env = fopen(path, "w");
			if (!env) {
				rc = 1;
				break;
			}
			if (with && with->type == YAML_MAPPING_NODE)
				for (yaml_node_pair_t *p = with->data.mapping.pairs.start; p < with->data.mapping.pairs.top; p++) {
					const char *k = scalar(&doc, yaml_document_get_node(&doc, p->key));
					const char *v = scalar(&doc, yaml_document_get_node(&doc, p->value));
					if (k && v)
						fprintf(env, "%s=%s\n", k, v);
				}
			fclose(env);
		}
		if (cond) {
			snprintf(file, sizeof file, "%02d.if", n);
			rc |= write_file(argv[3], file, cond) < 0;
		}
		if (name) {
			snprintf(file, sizeof file, "%02d.name", n);
			rc |= write_file(argv[3], file, name) < 0;
		}
	}
	fclose(expr);
	if (!rc)
		printf("%d\n", n);
out:
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	fclose(in);
	return rc;
}
