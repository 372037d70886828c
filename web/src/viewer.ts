// The graph viewer served at "/viewer": search an entity, open its
// neighbourhood, expand nodes, read properties and evidence in the side
// panel, and find the paths that connect two entities. It speaks only to the
// same-origin /graphql endpoint.
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { gql } from './graphql';
import { formatValue, labelStyles, nodeStyle } from './style';
import './viewer.css';

cytoscape.use(fcose);

// ---- API shapes (see graph/*.graphqls) ----

interface Hit {
  __typename: string;
  id: string;
  name: string;
}
interface EvidenceItem {
  quote: string;
  article?: { title?: string | null } | null;
}
interface GNode {
  id: string;
  label: string;
  name: string;
  aliases?: string[] | null;
  properties?: Record<string, unknown> | null;
}
interface GEdge {
  id: string;
  type: string;
  source: string;
  target: string;
  properties?: Record<string, unknown> | null;
  evidence?: EvidenceItem[] | null;
}
interface Neighborhood {
  nodes: GNode[];
  edges: GEdge[];
  truncated: boolean;
}
interface PathResult {
  length: number;
  nodes: { id: string; label: string; name: string; aliases?: string[] | null }[];
  relations: {
    id: string;
    type: string;
    from: { id: string };
    to: { id: string };
    properties?: Record<string, unknown> | null;
    evidence?: EvidenceItem[] | null;
  }[];
}

const SEARCH = `query ViewerSearch($text: String!, $first: Int) {
  search(text: $text, first: $first, types: [Zone, Enterprise, Institution, Person, Project]) { __typename id name }
}`;

const NEIGHBORHOOD = `query ViewerNeighborhood($id: ID!) {
  neighborhood(id: $id, depth: 1) {
    nodes { id label name aliases properties }
    edges { id type source target properties evidence { quote article { title } } }
    truncated
  }
}`;

const PATHS = `query ViewerPaths($from: ID!, $to: ID!) {
  paths(from: $from, to: $to) {
    length
    nodes { id label name aliases }
    relations { id type from { id } to { id } properties evidence { quote article { title } } }
  }
}`;

// ---- DOM helpers ----

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string | null | undefined)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') el.className = v;
    else el.setAttribute(k, v);
  }
  for (const c of children) {
    if (c != null) el.append(c);
  }
  return el;
}

function setStatus(text: string, error = false) {
  const s = $('status');
  s.textContent = text;
  s.classList.toggle('error', error);
}

function badge(label: string): HTMLElement {
  const st = labelStyles[label];
  const b = h('span', { class: 'badge' }, st?.zh ? `${st.zh} ${label}` : label);
  b.style.background = st?.color ?? '#78909c';
  return b;
}

// ---- the graph ----

const cy = cytoscape({
  container: $('cy'),
  style: nodeStyle(),
  wheelSensitivity: 0.3,
  minZoom: 0.1,
  maxZoom: 4,
});

// Edges from path results carry no ID: find them by (type, source, target).
const edgeKey = (type: string, s: string, t: string) => `${type}|${s}|${t}`;
const edgeByKey = new Map<string, string>();

// addNodes adds the nodes the graph lacks; new ones start around near (the
// node being expanded) so that the incremental layout keeps the picture.
function addNodes(nodes: GNode[], near?: cytoscape.Position): number {
  let added = 0;
  let k = 0;
  for (const n of nodes) {
    const existing = cy.getElementById(n.id);
    const data = {
      id: n.id,
      label: n.label,
      name: n.name,
      aliases: n.aliases ?? [],
      properties: n.properties ?? {},
      partial: false,
    };
    if (existing.nonempty()) {
      if (existing.data('partial')) existing.data({ ...data, id: undefined });
      continue;
    }
    const position = near
      ? { x: near.x + 80 * Math.cos(k * 2.4), y: near.y + 80 * Math.sin(k * 2.4) }
      : undefined;
    k++;
    cy.add({ group: 'nodes', data, position });
    added++;
  }
  return added;
}

function addEdges(edges: GEdge[]): number {
  let added = 0;
  for (const e of edges) {
    const key = edgeKey(e.type, e.source, e.target);
    const known = edgeByKey.get(key);
    const data = {
      id: e.id,
      type: e.type,
      source: e.source,
      target: e.target,
      properties: e.properties ?? {},
      evidence: e.evidence ?? [],
    };
    if (known && cy.getElementById(known).nonempty()) {
      const el = cy.getElementById(known);
      if ((el.data('evidence') ?? []).length === 0) el.data('evidence', data.evidence);
      continue;
    }
    if (cy.getElementById(e.source).empty() || cy.getElementById(e.target).empty()) continue;
    cy.add({ group: 'edges', data });
    edgeByKey.set(key, e.id);
    added++;
  }
  return added;
}

let layoutRunning: cytoscape.Layouts | null = null;

function layout(incremental: boolean, focus?: cytoscape.CollectionReturnValue): Promise<void> {
  layoutRunning?.stop();
  const n = cy.nodes().length;
  const l = cy.layout({
    name: 'fcose',
    quality: 'proof',
    randomize: !incremental,
    animate: incremental && n < 300,
    animationDuration: 500,
    fit: false,
    nodeDimensionsIncludeLabels: true,
    nodeRepulsion: () => 9000,
    idealEdgeLength: () => 130,
    edgeElasticity: () => 0.35,
    nodeSeparation: 90,
    numIter: 2500,
  } as cytoscape.LayoutOptions);
  layoutRunning = l;
  return new Promise((resolve) => {
    l.one('layoutstop', () => {
      fitTo(cy.elements(), 40);
      if (focus && focus.nonempty() && n > 60) cy.center(focus);
      resolve();
    });
    l.run();
  });
}

// fitTo fits the view to els without zooming in further than a comfortable
// reading size.
function fitTo(els: cytoscape.Collection, padding = 60) {
  cy.fit(els, padding);
  if (cy.zoom() > 1.3) {
    cy.zoom(1.3);
    cy.center(els);
  }
}

function updateStatus(extra = '') {
  const t = `${cy.nodes().length} nodes · ${cy.edges().length} edges`;
  setStatus(extra ? `${t} · ${extra}` : t);
}

// open loads an entity's neighbourhood into the graph (adding to what is
// there) and selects it.
async function open(id: string, opts: { select?: boolean; replace?: boolean } = {}) {
  const { select = true, replace = false } = opts;
  document.body.dataset.state = 'loading';
  setStatus('loading…');
  try {
    const data = await gql<{ neighborhood: Neighborhood | null }>(NEIGHBORHOOD, { id });
    const nb = data.neighborhood;
    if (!nb) throw new Error(`no entity with id ${id}`);
    if (replace) clearGraph();
    const hadNodes = cy.nodes().length > 0;
    const anchor = cy.getElementById(id);
    const near = anchor.nonempty() ? { ...anchor.position() } : undefined;
    const added = addNodes(nb.nodes, near) + addEdges(nb.edges);
    // The API also takes an exact name or alias for id (/viewer?id=北科交大机器人).
    const center =
      nb.nodes.find((n) => n.id === id) ?? nb.nodes.find((n) => n.name === id || (n.aliases ?? []).includes(id));
    const node = cy.getElementById(center?.id ?? id);
    node.data('expanded', true);
    if (added > 0 || !hadNodes) await layout(hadNodes, node);
    updateStatus(nb.truncated ? 'neighbourhood truncated' : '');
    if (select) selectElement(node);
    document.body.dataset.state = 'ready';
  } catch (err) {
    document.body.dataset.state = 'error';
    setStatus(String((err as Error).message ?? err), true);
  }
}

function clearGraph() {
  cy.elements().remove();
  edgeByKey.clear();
  showHint();
}

// ---- side panel ----

function propertiesTable(props: Record<string, unknown>, aliases?: string[]): HTMLElement | null {
  const rows: HTMLElement[] = [];
  if (aliases && aliases.length) rows.push(h('tr', {}, h('td', {}, 'aliases 简称'), h('td', {}, aliases.join('、'))));
  for (const k of Object.keys(props).sort()) {
    if (k === 'text') continue;
    rows.push(h('tr', {}, h('td', {}, k), h('td', {}, formatValue(k, props[k]))));
  }
  return rows.length ? h('table', { class: 'props' }, ...rows) : null;
}

function evidenceList(items: EvidenceItem[]): HTMLElement {
  const ul = h('ul', { class: 'evidence' });
  for (const ev of items) {
    ul.append(
      h(
        'li',
        {},
        h('span', { class: 'quote' }, ev.quote),
        h('span', { class: 'source' }, ev.article?.title ? `《${ev.article.title}》` : ''),
      ),
    );
  }
  return ul;
}

function nodeName(id: string): string {
  const n = cy.getElementById(id);
  return n.nonempty() ? n.data('name') : id;
}

function relationLine(type: string, from: string, to: string): HTMLElement {
  return h('div', { class: 'relation' }, `${nodeName(from)} —${type}→ ${nodeName(to)}`);
}

function showHint() {
  const p = $('panel');
  p.replaceChildren(
    h(
      'div',
      { class: 'hint' },
      h('p', {}, '搜索一个实体，打开它的关系网络。双击节点展开邻居。'),
      h(
        'p',
        {},
        'Search an entity to open its neighbourhood; double-click a node to expand it; click a node or an edge to read its properties and evidence.',
      ),
    ),
  );
}

function showNode(n: cytoscape.NodeSingular) {
  const p = $('panel');
  const d = n.data();
  const expand = h('button', { id: 'expand' }, n.data('expanded') ? '已展开 Expanded' : '展开 Expand');
  expand.toggleAttribute('disabled', !!n.data('expanded'));
  expand.addEventListener('click', () => open(d.id));
  const focus = h('button', { id: 'focus' }, '只看它 Focus');
  focus.addEventListener('click', () => open(d.id, { replace: true }));
  const link = h('a', { href: `/viewer?id=${encodeURIComponent(d.id)}` }, 'link');

  const evidence: HTMLElement[] = [];
  n.connectedEdges().forEach((e) => {
    const items: EvidenceItem[] = e.data('evidence') ?? [];
    if (!items.length) return;
    evidence.push(relationLine(e.data('type'), e.data('source'), e.data('target')), evidenceList(items));
  });

  p.replaceChildren(
    badge(d.label),
    h('h2', { class: 'name' }, d.name),
    h('div', { class: 'relation' }, d.id, ' · ', link),
    h('div', { class: 'actions' }, expand, focus),
    h('h3', {}, 'Properties 属性'),
    propertiesTable(d.properties ?? {}, d.aliases) ?? h('div', { class: 'hint' }, '—'),
    h('h3', {}, `Evidence 证据 (${n.connectedEdges().length} relations)`),
    ...(evidence.length ? evidence : [h('div', { class: 'hint' }, '—')]),
  );
}

function showEdge(e: cytoscape.EdgeSingular) {
  const p = $('panel');
  const d = e.data();
  const items: EvidenceItem[] = d.evidence ?? [];
  p.replaceChildren(
    badge(d.type),
    h('h2', { class: 'name' }, d.type),
    relationLine(d.type, d.source, d.target),
    h('h3', {}, 'Properties 属性'),
    propertiesTable(d.properties ?? {}) ?? h('div', { class: 'hint' }, '—'),
    h('h3', {}, `Evidence 证据 (${items.length})`),
    items.length ? evidenceList(items) : h('div', { class: 'hint' }, '—'),
  );
}

function selectElement(el: cytoscape.SingularElementReturnValue) {
  if (el.empty()) return;
  cy.elements().unselect();
  el.select();
  if (el.isNode()) showNode(el);
  else showEdge(el as cytoscape.EdgeSingular);
}

cy.on('tap', 'node', (ev) => selectElement(ev.target));
cy.on('tap', 'edge', (ev) => selectElement(ev.target));
cy.on('dbltap', 'node', (ev) => open(ev.target.id()));
cy.on('tap', (ev) => {
  if (ev.target === cy) {
    cy.elements().unselect();
    cy.elements().removeClass('faded');
  }
});

// ---- search boxes ----

// searchBox wires an input to the search query and a result list; onPick
// receives the chosen hit.
function searchBox(input: HTMLInputElement, list: HTMLUListElement, onPick: (hit: Hit) => void) {
  let timer = 0;
  let seq = 0;
  let hits: Hit[] = [];
  let active = -1;

  const close = () => {
    list.hidden = true;
    active = -1;
  };
  const render = () => {
    list.replaceChildren(
      ...(hits.length
        ? hits.map((hit, i) => {
            const li = h('li', { 'data-id': hit.id }, badge(hit.__typename), h('span', {}, hit.name));
            if (i === active) li.classList.add('active');
            li.addEventListener('mousedown', (ev) => {
              ev.preventDefault();
              pick(hit);
            });
            return li;
          })
        : [h('li', { class: 'empty' }, '无结果 No match')]),
    );
    list.hidden = false;
  };
  const pick = (hit: Hit) => {
    input.value = hit.name;
    input.classList.add('picked');
    input.dataset.id = hit.id;
    close();
    onPick(hit);
  };
  const run = async () => {
    const text = input.value.trim();
    if (!text) return close();
    const mine = ++seq;
    try {
      const data = await gql<{ search: Hit[] }>(SEARCH, { text, first: 12 });
      if (mine !== seq) return;
      hits = data.search ?? [];
      active = hits.length ? 0 : -1;
      render();
    } catch (err) {
      setStatus(String((err as Error).message ?? err), true);
    }
  };
  input.addEventListener('input', () => {
    input.classList.remove('picked');
    delete input.dataset.id;
    clearTimeout(timer);
    timer = window.setTimeout(run, 200);
  });
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      if (!hits.length) return;
      active = (active + (ev.key === 'ArrowDown' ? 1 : hits.length - 1)) % hits.length;
      render();
      ev.preventDefault();
    } else if (ev.key === 'Enter') {
      clearTimeout(timer);
      if (!list.hidden && active >= 0 && hits[active]) pick(hits[active]);
      else run();
      ev.preventDefault();
    } else if (ev.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
}

searchBox($('search'), $('search-results'), (hit) => {
  history.replaceState(null, '', `/viewer?id=${encodeURIComponent(hit.id)}`);
  open(hit.id);
});

// ---- path mode ----

const pathFrom = $<HTMLInputElement>('path-from');
const pathTo = $<HTMLInputElement>('path-to');
const findBtn = $<HTMLButtonElement>('path-find');
const updateFind = () => (findBtn.disabled = !(pathFrom.dataset.id && pathTo.dataset.id));
searchBox(pathFrom, $('path-from-results'), updateFind);
searchBox(pathTo, $('path-to-results'), updateFind);
pathFrom.addEventListener('input', updateFind);
pathTo.addEventListener('input', updateFind);
findBtn.addEventListener('click', () => findPaths(pathFrom.dataset.id!, pathTo.dataset.id!));

function setMode(mode: 'explore' | 'path') {
  document.querySelectorAll<HTMLButtonElement>('.mode').forEach((b) => b.classList.toggle('active', b.dataset.mode === mode));
  $('explore-bar').hidden = mode !== 'explore';
  $('path-bar').hidden = mode !== 'path';
  if (mode === 'explore') cy.elements().removeClass('path faded');
}
document.querySelectorAll<HTMLButtonElement>('.mode').forEach((b) =>
  b.addEventListener('click', () => setMode(b.dataset.mode as 'explore' | 'path')),
);

// pathElements returns the graph's elements for one path, adding the nodes
// and edges the graph does not have yet (nodes known only from a path are
// marked partial: expanding them loads their properties).
function pathElements(p: PathResult): cytoscape.CollectionReturnValue {
  let els = cy.collection();
  for (const n of p.nodes) {
    if (cy.getElementById(n.id).empty()) {
      addNodes([{ id: n.id, label: n.label, name: n.name, aliases: n.aliases ?? [], properties: {} }]);
      cy.getElementById(n.id).data('partial', true);
    }
    els = els.union(cy.getElementById(n.id));
  }
  for (const r of p.relations) {
    addEdges([
      {
        id: r.id,
        type: r.type,
        source: r.from.id,
        target: r.to.id,
        properties: r.properties ?? {},
        evidence: r.evidence ?? [],
      },
    ]);
    const id = edgeByKey.get(edgeKey(r.type, r.from.id, r.to.id)) ?? r.id;
    els = els.union(cy.getElementById(id));
  }
  return els;
}

function highlight(els: cytoscape.CollectionReturnValue) {
  cy.elements().removeClass('path').addClass('faded');
  els.removeClass('faded').addClass('path');
}

async function findPaths(from: string, to: string) {
  document.body.dataset.state = 'loading';
  setStatus('finding paths…');
  try {
    const data = await gql<{ paths: PathResult[] }>(PATHS, { from, to });
    const paths = data.paths ?? [];
    history.replaceState(null, '', `/viewer?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    const before = cy.nodes().length;
    const perPath = paths.map((p) => pathElements(p));
    if (cy.nodes().length !== before) await layout(before > 0);
    let all = cy.collection();
    perPath.forEach((c) => (all = all.union(c)));
    highlight(all);
    for (const [input, id] of [
      [pathFrom, from],
      [pathTo, to],
    ] as const) {
      const n = cy.getElementById(id);
      if (n.nonempty()) input.value = n.data('name');
    }
    if (all.nonempty()) fitTo(all);
    showPaths(paths, perPath);
    updateStatus(`${paths.length} paths`);
    document.body.dataset.state = 'ready';
  } catch (err) {
    document.body.dataset.state = 'error';
    setStatus(String((err as Error).message ?? err), true);
  }
}

function showPaths(paths: PathResult[], perPath: cytoscape.CollectionReturnValue[]) {
  const p = $('panel');
  if (!paths.length) {
    p.replaceChildren(h('h2', {}, '查关系 Paths'), h('div', { class: 'hint' }, '没有找到路径 No path found.'));
    return;
  }
  const list = h('ul', { class: 'paths' });
  paths.forEach((path, i) => {
    const li = h('li', { 'data-index': String(i) }, h('div', {}, h('strong', {}, `路径 ${i + 1}`), ` · ${path.length} hops`));
    path.relations.forEach((r) => {
      li.append(h('div', { class: 'hop' }, relationLine(r.type, r.from.id, r.to.id), evidenceList(r.evidence ?? [])));
    });
    li.addEventListener('click', () => {
      list.querySelectorAll('li.active').forEach((x) => x.classList.remove('active'));
      li.classList.add('active');
      highlight(perPath[i]);
    });
    list.append(li);
  });
  p.replaceChildren(h('h2', {}, `查关系 Paths (${paths.length})`), list);
}

// ---- toolbar, legend, deep links ----

$('fit').addEventListener('click', () => fitTo(cy.elements(), 40));
$('relayout').addEventListener('click', () => layout(false));
$('clear').addEventListener('click', () => {
  clearGraph();
  history.replaceState(null, '', '/viewer');
  updateStatus();
});

function legend() {
  const ul = $('legend');
  for (const [label, st] of Object.entries(labelStyles)) {
    if (label === 'Article') continue;
    const li = h('li', {});
    li.innerHTML = st.icon;
    li.append(`${st.zh} ${label}`);
    ul.append(li);
  }
}
legend();

async function start() {
  const q = new URLSearchParams(location.search);
  const id = q.get('id');
  const from = q.get('from');
  const to = q.get('to');
  if (from && to) {
    setMode('path');
    pathFrom.dataset.id = from;
    pathTo.dataset.id = to;
    pathFrom.value = from;
    pathTo.value = to;
    updateFind();
    await findPaths(from, to);
  } else if (id) {
    await open(id);
    const n = cy.$('node:selected');
    if (n.nonempty()) $<HTMLInputElement>('search').value = n.data('name');
  } else {
    updateStatus();
    document.body.dataset.state = 'ready';
  }
}

// Exposed for the browser tests and for poking around in the console.
(window as any).zonegraph = { cy, open, findPaths, selectElement };

start();
