// Monaco (GraphiQL's editor) runs its language services in web workers. They
// are bundled by build.mjs as classic scripts under /assets/, so the IDE
// needs nothing from outside the server.
const workerURL: Record<string, string> = {
  json: '/assets/json.worker.js',
  graphql: '/assets/graphql.worker.js',
};

(globalThis as any).MonacoEnvironment = {
  getWorker(_id: string, label: string): Worker {
    return new Worker(workerURL[label] ?? '/assets/editor.worker.js');
  },
};
