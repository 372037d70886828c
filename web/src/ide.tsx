// The GraphQL IDE served at "/": GraphiQL with the documentation explorer,
// history and the query-builder explorer, talking to same-origin /graphql,
// with the example queries preloaded as tabs.
import './workers';
import { useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL, HISTORY_PLUGIN } from 'graphiql';
import { useGraphiQL } from '@graphiql/react';
import { explorerPlugin } from '@graphiql/plugin-explorer';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import './ide.css';

declare const __EXAMPLE_TABS__: { query: string; variables?: string }[];

const fetcher = createGraphiQLFetcher({ url: new URL('/graphql', location.href).toString() });
const plugins = [HISTORY_PLUGIN, explorerPlugin()];

// EditorProbe exposes the editors' contents as window.zonegraphIDE, for the
// browser tests (the editors render only their visible lines into the DOM).
function EditorProbe() {
  const queryEditor = useGraphiQL((s) => s.queryEditor);
  const responseEditor = useGraphiQL((s) => s.responseEditor);
  useEffect(() => {
    (window as any).zonegraphIDE = {
      query: () => queryEditor?.getValue() ?? '',
      response: () => responseEditor?.getValue() ?? '',
    };
  }, [queryEditor, responseEditor]);
  return null;
}

function App() {
  return (
    <GraphiQL
      fetcher={fetcher}
      plugins={plugins}
      defaultTabs={__EXAMPLE_TABS__}
      defaultEditorToolsVisibility={true}
      isHeadersEditorEnabled={true}
    >
      <GraphiQL.Logo>
        <span className="zg-logo">
          zonegraph <a href="/viewer">graph viewer →</a>
        </span>
        <EditorProbe />
      </GraphiQL.Logo>
    </GraphiQL>
  );
}

createRoot(document.getElementById('graphiql')!).render(<App />);
