#!/usr/bin/env node
// Checks Cypher statements offline with Neo4j's own analyser (@neo4j-cypher/language-support, lintCypherQuery:
// ANTLR grammar + Neo4j's semantic analysis compiled to JS), so the store's queries are validated without a server.
//
// stdin:  either a JSON array of Cypher strings, or
//         {"queries": [...], "schema": {"labels": [...], "relationshipTypes": [...], "propertyKeys": [...],
//                                       "parameters": {...}, "apoc": false, "defaultLanguage": "CYPHER 5"}}
// stdout: JSON array (one entry per query) of arrays of {severity, message, line, column}
//         severity is "Error" | "Warning" | "Information" | "Hint"; line and column are 1-based.
//
// Schema semantics (see docs/cypher-lint.md):
// - labels + relationshipTypes (both needed, the package checks only when both are given): unknown names in
//   MATCH-like positions give a Warning "... is not present in the database".
// - parameters: lintCypherQuery reports every $param not declared in dbSchema.parameters as an Error. Parameters are
//   bound by the driver at run time, so by default each query's own parameters are declared for it. Pass an explicit
//   "parameters" object to make undeclared ones errors.
// - functions/procedures: the package only detects unknown functions/procedures when given a catalogue. We pass the
//   catalogue of a real Neo4j server that ships with the package (testData.mockSchema), restricted to built-ins
//   unless "apoc": true, so e.g. Ladybug-only functions are reported as errors.
// - A string holding more than one statement is an Error (the driver runs exactly one statement per call).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

// The package's ESM build uses extension-less imports that Node cannot resolve; its CJS build works.
const require = createRequire(import.meta.url);
const ls = require('@neo4j-cypher/language-support');
const { lintCypherQuery, parseParameters, parserWrapper, testData, _internalFeatureFlags } = ls;

// Anything the analyser itself might print must not corrupt the JSON on stdout.
console.log = console.info = console.debug = console.error;

const SEVERITY = { 1: 'Error', 2: 'Warning', 3: 'Information', 4: 'Hint' };

function fail(message) {
  process.stderr.write(`lint-cypher: ${message}\n`);
  process.exit(2);
}

function builtinCatalogue(includeApoc) {
  const keep = (name) => includeApoc || !name.startsWith('apoc.');
  const pick = (registry, isWanted) => {
    const out = {};
    for (const [version, entries] of Object.entries(registry ?? {})) {
      out[version] = Object.fromEntries(Object.entries(entries).filter(([name, e]) => keep(name) && isWanted(e)));
    }
    return out;
  };
  const mock = testData.mockSchema;
  return {
    functions: pick(mock.functions, (f) => includeApoc || f.isBuiltIn),
    procedures: pick(mock.procedures, () => true),
  };
}

function stripBackticks(name) {
  return name.startsWith('`') && name.endsWith('`') ? name.slice(1, -1) : name;
}

function toDiagnostic(d) {
  return {
    severity: SEVERITY[d.severity] ?? 'Error',
    message: d.message,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
  };
}

function statementCountDiagnostic(query) {
  const statements = parserWrapper
    .parse(query, false)
    .statementsParsing.filter((s) => s.command.type === 'cypher' && s.command.statement.trim().length > 0);
  if (statements.length <= 1) return [];
  const second = statements[1].command.start;
  return [
    {
      severity: 'Error',
      message: `${statements.length} statements in one string; the Neo4j driver runs exactly one statement per call`,
      line: second.line,
      column: second.column + 1,
    },
  ];
}

function lintOne(query, schema, catalogue) {
  if (typeof query !== 'string') {
    return [{ severity: 'Error', message: `query must be a string, got ${typeof query}`, line: 1, column: 1 }];
  }
  if (query.trim().length === 0) {
    return [{ severity: 'Error', message: 'empty query', line: 1, column: 1 }];
  }
  let parameters = schema.parameters;
  if (parameters === undefined) {
    parameters = {};
    for (const name of parseParameters(query, false)) parameters[stripBackticks(name)] = null;
  }
  const dbSchema = {
    ...catalogue,
    labels: schema.labels,
    relationshipTypes: schema.relationshipTypes,
    propertyKeys: schema.propertyKeys,
    parameters,
    defaultLanguage: schema.defaultLanguage,
  };
  try {
    const diagnostics = lintCypherQuery(query, dbSchema, false).map(toDiagnostic);
    return diagnostics.concat(statementCountDiagnostic(query));
  } catch (e) {
    return [{ severity: 'Error', message: `analyser crashed: ${e?.message ?? e}`, line: 1, column: 1 }];
  }
}

let input;
try {
  input = JSON.parse(readFileSync(0, 'utf8'));
} catch (e) {
  fail(`stdin is not valid JSON: ${e.message}`);
}
const queries = Array.isArray(input) ? input : input?.queries;
const schema = (Array.isArray(input) ? {} : input?.schema) ?? {};
if (!Array.isArray(queries)) fail('expected a JSON array of strings or {"queries": [...], "schema": {...}}');
if (schema.defaultLanguage === 'CYPHER 25') _internalFeatureFlags.cypher25 = true;

const catalogue = builtinCatalogue(Boolean(schema.apoc));
const results = queries.map((q) => lintOne(q, schema, catalogue));
process.stdout.write(JSON.stringify(results) + '\n');
