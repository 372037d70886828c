// Builds the GraphQL IDE (GraphiQL) and the graph viewer (Cytoscape.js) into
// dist/ with esbuild. Everything the pages load is bundled: scripts, CSS,
// fonts and the Monaco editor workers; nothing is fetched from a CDN.
//
// The IDE's default tabs come from ../examples/queries.graphql when it exists
// (one tab per named operation), else from src/examples-default.graphql.
import * as esbuild from 'esbuild';
import { parse } from 'graphql';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, 'dist');
const assets = join(dist, 'assets');

// splitOperations turns a GraphQL document into one tab per operation: the
// operation's own text with the comment lines above it, followed by every
// fragment it uses (transitively). A comment line "# variables: {...}" above
// an operation becomes that tab's variables.
export function splitOperations(source) {
  const doc = parse(source);
  const fragments = new Map();
  for (const d of doc.definitions) {
    if (d.kind === 'FragmentDefinition') {
      fragments.set(d.name.value, source.slice(d.loc.start, d.loc.end));
    }
  }
  const tabs = [];
  let prevEnd = 0;
  for (const d of doc.definitions) {
    const start = d.loc.start;
    const between = source.slice(prevEnd, start);
    prevEnd = d.loc.end;
    if (d.kind !== 'OperationDefinition') continue;
    // The comment lines right above the operation (no blank line between)
    // belong to it; earlier ones describe the file.
    const lines = between.split('\n').map((l) => l.trim());
    while (lines.length && lines[lines.length - 1] === '') lines.pop();
    const comments = [];
    for (let i = lines.length - 1; i >= 0 && lines[i].startsWith('#'); i--) comments.unshift(lines[i]);
    let variables = null;
    const kept = [];
    for (const c of comments) {
      const m = c.match(/^#\s*variables:\s*(\{.*\})\s*$/);
      if (m) variables = JSON.stringify(JSON.parse(m[1]), null, 2);
      else kept.push(c);
    }
    let body = source.slice(start, d.loc.end);
    const used = new Set();
    const queue = [body];
    while (queue.length) {
      const text = queue.pop();
      for (const m of text.matchAll(/\.\.\.\s*([A-Za-z_][A-Za-z0-9_]*)/g)) {
        const name = m[1];
        if (name !== 'on' && fragments.has(name) && !used.has(name)) {
          used.add(name);
          queue.push(fragments.get(name));
        }
      }
    }
    for (const name of used) body += '\n\n' + fragments.get(name);
    const query = (kept.length ? kept.join('\n') + '\n' : '') + body + '\n';
    tabs.push(variables ? { query, variables } : { query });
  }
  return tabs;
}

function exampleTabs() {
  const shared = join(root, '..', 'examples', 'queries.graphql');
  const file = existsSync(shared) ? shared : join(root, 'src', 'examples-default.graphql');
  const tabs = splitOperations(readFileSync(file, 'utf8'));
  if (tabs.length === 0) throw new Error(`${file}: no operations`);
  console.log(`examples: ${tabs.length} tabs from ${file}`);
  return tabs;
}

async function build() {
  for (const f of existsSync(dist) ? readdirSync(dist) : []) {
    if (f !== '.keep') rmSync(join(dist, f), { recursive: true, force: true });
  }
  mkdirSync(assets, { recursive: true });

  const common = {
    bundle: true,
    minify: true,
    sourcemap: false,
    legalComments: 'linked',
    target: ['es2022'],
    logLevel: 'warning',
    loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'file', '.png': 'file' },
    assetNames: '[name]-[hash]',
    define: { 'process.env.NODE_ENV': '"production"' },
  };

  // Monaco workers: classic worker scripts, loaded from /assets/ by src/workers.ts.
  await esbuild.build({
    ...common,
    entryPoints: {
      'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
      'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
      'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
    },
    format: 'iife',
    outdir: assets,
  });

  // One self-contained script and stylesheet per page: no code splitting, so
  // CSS imported by lazily loaded modules (Monaco's) lands in the page's CSS.
  await esbuild.build({
    ...common,
    entryPoints: { ide: 'src/ide.tsx', viewer: 'src/viewer.ts' },
    format: 'esm',
    outdir: assets,
    jsx: 'automatic',
    define: { ...common.define, __EXAMPLE_TABS__: JSON.stringify(exampleTabs()) },
  });

  for (const page of ['index.html', 'viewer.html']) {
    copyFileSync(join(root, 'src', page), join(dist, page));
  }
  copyFileSync(join(root, 'src', 'favicon.svg'), join(assets, 'favicon.svg'));
  const files = readdirSync(assets);
  console.log(`dist: ${files.length} assets`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await build();
}
