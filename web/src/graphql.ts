// A minimal GraphQL client for the viewer: POST to same-origin /graphql.

export class GraphQLError extends Error {}

export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  let body: { data?: T; errors?: { message: string }[] };
  try {
    body = await res.json();
  } catch {
    throw new GraphQLError(`/graphql answered ${res.status} ${res.statusText}`);
  }
  if (body.errors && body.errors.length) {
    throw new GraphQLError(body.errors.map((e) => e.message).join('; '));
  }
  if (!res.ok || !body.data) throw new GraphQLError(`/graphql answered ${res.status}`);
  return body.data;
}
