/**
 * Enforces the layering of docs/architecture.md ("Layers") on the TypeScript import graph: every
 * file is parsed by the TypeScript compiler, every import, re-export and dynamic import() is
 * resolved as tsc resolves it, and each edge is checked against ops/scripts/layerRules.ts. Run by
 * `npm test` (`npm run lint:layers`); exits non-zero listing every violation.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { DATABASE_FREE, LAYER_RULES, type LayerRule } from './layerRules.js';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LAYERS = [...new Set(LAYER_RULES.map((r) => r.folder.split('/')[0]))];

/** One import edge of the graph. */
export interface ImportEdge {
  /** Importing file, relative to the root, with forward slashes. */
  readonly from: string;
  readonly specifier: string;
  /** Resolved file relative to the root, a package name, or undefined when a relative import resolves to nothing. */
  readonly target: string | undefined;
  readonly isPackage: boolean;
  readonly typeOnly: boolean;
}

function* sourceFiles(folder: string): Generator<string> {
  for (const entry of readdirSync(folder)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|mts)$/.test(entry) && !entry.endsWith('.d.ts')) yield path;
  }
}

const posix = (path: string) => path.split(sep).join('/');

/** Where a file reaches for a database client (`.pool`, `.query(...)`), as "line: text". */
function databaseUses(source: ts.SourceFile): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    const at = () => `line ${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}: ${node.getText(source).slice(0, 60)}`;
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'pool') found.push(at());
    else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'query') found.push(at());
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The specifiers a file imports, with whether each is type-only, read from its syntax tree. */
function importsOf(source: ts.SourceFile): { specifier: string; typeOnly: boolean }[] {
  const found: { specifier: string; typeOnly: boolean }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings !== undefined && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      const typeOnly = clause !== undefined && (clause.isTypeOnly || (clause.name === undefined && named !== undefined && named.length > 0 && named.every((e) => e.isTypeOnly)));
      found.push({ specifier: node.moduleSpecifier.text, typeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments.length > 0 && ts.isStringLiteralLike(node.arguments[0])) {
      found.push({ specifier: node.arguments[0].text, typeOnly: false });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push({ specifier: node.argument.literal.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const parse = (file: string) => ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);

const compilerOptions: ts.CompilerOptions = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, allowJs: false };

/** Every import edge of the layers' files under `rootDir`. */
export function importGraph(rootDir: string = repositoryRoot, onFile?: (from: string, source: ts.SourceFile) => void): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const layer of LAYERS) {
    let files: string[];
    try {
      files = [...sourceFiles(join(rootDir, layer))];
    } catch {
      continue;
    }
    for (const file of files) {
      const from = posix(relative(rootDir, file));
      const source = parse(file);
      onFile?.(from, source);
      for (const { specifier, typeOnly } of importsOf(source)) {
        if (!specifier.startsWith('.')) {
          edges.push({ from, specifier, target: specifier, isPackage: true, typeOnly });
          continue;
        }
        const resolved = ts.resolveModuleName(specifier, file, compilerOptions, ts.sys).resolvedModule?.resolvedFileName;
        edges.push({ from, specifier, target: resolved === undefined ? undefined : posix(relative(rootDir, resolved)), isPackage: false, typeOnly });
      }
    }
  }
  return edges;
}

const under = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);

/** The layer a file belongs to for the rules: spec files beside the code are tests. */
function rulesFor(file: string): LayerRule[] {
  if (/\.spec\.ts$/.test(file)) return LAYER_RULES.filter((r) => r.folder === 'test');
  return LAYER_RULES.filter((r) => under(file, r.folder) && !(r.except ?? []).some((e) => under(file, e)));
}

function breaks(rule: LayerRule, edge: ImportEdge): boolean {
  const target = edge.target as string;
  if (edge.isPackage) {
    if (rule.packages !== undefined && !rule.packages.some((p) => p.test(target))) return true;
    return (rule.packagesNot ?? []).some((p) => p.test(target)) && !(rule.typesExempt === true && edge.typeOnly);
  }
  if (under(target, rule.folder)) return false;
  if (rule.may !== undefined && !rule.may.some((m) => under(target, m))) return true;
  return (rule.mayNot ?? []).some((m) => under(target, m)) && !(rule.typesExempt === true && edge.typeOnly);
}

/** Lists every import that breaks a rule, for the tree rooted at `rootDir`. */
export function findViolations(rootDir: string = repositoryRoot): string[] {
  const violations: string[] = [];
  const checkSyntax = (from: string, source: ts.SourceFile) => {
    if (/\.spec\.ts$/.test(from) || !DATABASE_FREE.some((folder) => under(from, folder))) return;
    for (const use of databaseUses(source)) violations.push(`${from}: touches a database client (${use}): only web/services/ does`);
  };
  for (const edge of importGraph(rootDir, checkSyntax)) {
    if (edge.target === undefined) {
      violations.push(`${edge.from}: cannot resolve ${edge.specifier}`);
      continue;
    }
    for (const rule of rulesFor(edge.from)) {
      if (breaks(rule, edge)) violations.push(`${edge.from}: ${rule.folder}/ may not import ${edge.target} (${edge.specifier}): ${rule.why}`);
    }
  }
  return violations;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const violations = findViolations();
  if (violations.length > 0) {
    process.stderr.write(`layering violations (docs/architecture.md):\n${violations.map((v) => `  ${v}`).join('\n')}\n`);
    process.exit(1);
  }
  process.stdout.write(`layering: ok (${importGraph().length} imports checked)\n`);
}
