// Colours, shapes and labels of the viewer: one colour AND one shape per
// node label, so the graph reads in greyscale too.
import type cytoscape from 'cytoscape';

interface LabelStyle {
  color: string;
  shape: cytoscape.Css.NodeShape;
  zh: string;
  size: number;
  icon: string; // legend SVG
}

const svg = (inner: string) => `<svg viewBox="0 0 14 14" aria-hidden="true">${inner}</svg>`;

export const labelStyles: Record<string, LabelStyle> = {
  Zone: {
    color: '#2e7d32',
    shape: 'round-hexagon',
    zh: '园区',
    size: 54,
    icon: svg('<polygon points="3.5,1 10.5,1 14,7 10.5,13 3.5,13 0,7" fill="#2e7d32"/>'),
  },
  Enterprise: {
    color: '#1565c0',
    shape: 'round-rectangle',
    zh: '企业',
    size: 40,
    icon: svg('<rect x="0" y="2" width="14" height="10" rx="3" fill="#1565c0"/>'),
  },
  Institution: {
    color: '#6a1b9a',
    shape: 'round-diamond',
    zh: '机构',
    size: 42,
    icon: svg('<polygon points="7,0 14,7 7,14 0,7" fill="#6a1b9a"/>'),
  },
  Person: {
    color: '#ef6c00',
    shape: 'ellipse',
    zh: '人物',
    size: 34,
    icon: svg('<circle cx="7" cy="7" r="6.5" fill="#ef6c00"/>'),
  },
  Project: {
    color: '#c62828',
    shape: 'round-triangle',
    zh: '项目',
    size: 40,
    icon: svg('<polygon points="7,0 14,13 0,13" fill="#c62828"/>'),
  },
  Article: {
    color: '#78909c',
    shape: 'rectangle',
    zh: '文章',
    size: 22,
    icon: svg('<rect x="2" y="1" width="10" height="12" fill="#78909c"/>'),
  },
};

export function nodeStyle(): cytoscape.StylesheetJson {
  const font = '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
  const sheet: cytoscape.StylesheetJson = [
    {
      selector: 'node',
      style: {
        'background-color': '#78909c',
        shape: 'ellipse',
        width: 30,
        height: 30,
        label: 'data(name)',
        'font-family': font,
        'font-size': 12,
        color: '#1d2733',
        'text-valign': 'bottom',
        'text-halign': 'center',
        'text-margin-y': 4,
        'text-wrap': 'wrap',
        'text-max-width': '140px',
        'text-background-color': '#f7f8fa',
        'text-background-opacity': 0.85,
        'text-background-padding': '1px',
        'border-width': 2,
        'border-color': '#ffffff',
      },
    },
    {
      selector: 'edge',
      style: {
        width: 1.6,
        'line-color': '#9aa7b5',
        'target-arrow-color': '#9aa7b5',
        'target-arrow-shape': 'triangle',
        'curve-style': 'bezier',
        label: 'data(type)',
        'font-family': font,
        'font-size': 9,
        color: '#5f6b7a',
        'text-rotation': 'autorotate',
        'text-background-color': '#f7f8fa',
        'text-background-opacity': 0.9,
        'text-background-padding': '1px',
      },
    },
    { selector: 'edge[type = "PARTNERS_WITH"]', style: { 'target-arrow-shape': 'none', 'line-style': 'dashed' } },
    { selector: 'edge[type = "MENTIONED_IN"]', style: { 'line-color': '#cfd8dc', 'target-arrow-color': '#cfd8dc' } },
    { selector: 'node[?expanded]', style: { 'border-color': '#37474f', 'border-width': 3 } },
    { selector: 'node:selected', style: { 'border-color': '#ffb300', 'border-width': 5 } },
    { selector: 'edge:selected', style: { 'line-color': '#ffb300', 'target-arrow-color': '#ffb300', width: 3 } },
    { selector: '.faded', style: { opacity: 0.18 } },
    { selector: 'node.path', style: { 'border-color': '#e65100', 'border-width': 4 } },
    { selector: 'edge.path', style: { 'line-color': '#e65100', 'target-arrow-color': '#e65100', width: 3.5, color: '#e65100' } },
  ];
  for (const [label, st] of Object.entries(labelStyles)) {
    sheet.splice(2, 0, {
      selector: `node[label = "${label}"]`,
      style: { 'background-color': st.color, shape: st.shape, width: st.size, height: st.size },
    });
  }
  return sheet;
}

// formatValue renders a property value; amounts in yuan read as 亿/万元.
export function formatValue(key: string, v: unknown): string {
  if (typeof v === 'number' && /CNY$/.test(key)) return `${yuan(v)} (${v.toLocaleString('en-US')} 元)`;
  if (Array.isArray(v)) return v.join('、');
  if (typeof v === 'boolean') return v ? 'true 是' : 'false 否';
  if (v !== null && typeof v === 'object') return JSON.stringify(v);
  return String(v ?? '');
}

export function yuan(v: number): string {
  const trim = (x: number) => String(Math.round(x * 100) / 100);
  if (Math.abs(v) >= 1e8) return `${trim(v / 1e8)}亿元`;
  if (Math.abs(v) >= 1e4) return `${trim(v / 1e4)}万元`;
  return `${v}元`;
}
