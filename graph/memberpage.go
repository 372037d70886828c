package graph

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/99designs/gqlgen/graphql"

	"github.com/zonegraph/zonegraph/graph/listexec"
	"github.com/zonegraph/zonegraph/graph/model"
	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
)

// memberKey is a (zone, query) key of the members loader: the query with
// its listed filter as a comparable value.
type memberKey struct {
	zone   kg.ID
	label  kg.Label
	listed int8 // 0 any, 1 listed, 2 not listed
	sub    bool
	first  int
	after  string
	with   string // relation types read along (MemberQuery.With), as in relKey
	noEv   bool   // MemberQuery.NoEvidence
}

func newMemberKey(zone kg.ID, q store.MemberQuery) memberKey {
	k := memberKey{zone: zone, label: q.Label, sub: q.IncludeSubZones, first: q.First, after: q.After,
		with: newRelKey("", q.With).types, noEv: q.NoEvidence}
	if q.Listed != nil {
		k.listed = 2
		if *q.Listed {
			k.listed = 1
		}
	}
	return k
}

func (k memberKey) query() store.MemberQuery {
	q := store.MemberQuery{Label: k.label, IncludeSubZones: k.sub, First: k.first, After: k.after, NoEvidence: k.noEv}
	if k.with != "" {
		for _, t := range strings.Split(k.with, ",") {
			q.With = append(q.With, kg.RelType(t))
		}
	}
	if k.listed != 0 {
		b := k.listed == 1
		q.Listed = &b
	}
	return q
}

// loadMembers makes one store call per distinct query among the keys (the
// zones of a level of a query usually share one), with every zone asking it,
// and primes l's node and relation loaders with what the pages bring along
// (the members, and their relations and neighbours of MemberQuery.With);
// pages read without evidence go to l.lean instead, which only serves
// fields that do not show evidence.
func loadMembers(ctx context.Context, st store.Store, l *Loaders, keys []memberKey) (map[memberKey]store.MemberPage, error) {
	mr, ok := st.(store.MemberReader)
	if !ok {
		return nil, fmt.Errorf("members: %T: %w", st, errors.ErrUnsupported)
	}
	type group struct {
		q     memberKey
		zones []kg.ID
	}
	var groups []*group
	byQuery := map[memberKey]*group{}
	for _, k := range keys {
		qk := k
		qk.zone = ""
		g := byQuery[qk]
		if g == nil {
			g = &group{q: qk}
			byQuery[qk] = g
			groups = append(groups, g)
		}
		g.zones = append(g.zones, k.zone)
	}
	out := make(map[memberKey]store.MemberPage, len(keys))
	for _, g := range groups {
		q := g.q.query()
		pages, err := mr.Members(ctx, g.zones, q)
		if err != nil {
			return nil, err
		}
		for _, z := range g.zones {
			k := g.q
			k.zone = z
			out[k] = pages[z]
			l.keepPage(pages[z], q)
		}
	}
	return out, nil
}

// keepPage primes the loaders with what a page read for q brings along:
// l.lean holds it when it was read without evidence, else primePage.
func (l *Loaders) keepPage(p store.MemberPage, q store.MemberQuery) {
	if q.NoEvidence {
		l.lean.putPage(p, q.With)
	} else {
		l.primePage(p, q.With)
	}
}

// primePage puts a members page into the node loader (members and
// neighbours) and each member's relations of every type of with into the
// relation loader, under the one-type keys the entity fields ask for
// (positions: HOLDS_POSITION, operates: OPERATES, ...).
func (l *Loaders) primePage(p store.MemberPage, with []kg.RelType) {
	for _, m := range p.Members {
		l.prime(m.Node)
		for _, t := range with {
			l.relations.Prime(relKey{id: m.Node.ID, types: string(t)}, ofType(m.Relations, t))
		}
	}
	for _, n := range p.Neighbours {
		l.prime(n)
	}
}

// memberPage reads one page of a zone's members: through the store's
// paged read when it has one, else by reading every member (zoneMembers)
// and paging in Go with the same order, filters and cursors.
func (r *Resolver) memberPage(ctx context.Context, zone kg.ID, q store.MemberQuery) (store.MemberPage, error) {
	p, err := r.loadMemberPage(ctx, newMemberKey(zone, q))
	if !errors.Is(err, errors.ErrUnsupported) {
		return p, err
	}
	curName, curID, hasCur, err := store.ParseMemberCursor(q.After)
	if err != nil {
		return store.MemberPage{}, err
	}
	ms, err := r.zoneMembers(ctx, zone, q.Label, q.IncludeSubZones)
	if err != nil {
		return store.MemberPage{}, err
	}
	if q.Listed != nil {
		ms = filterListed(ms, *q.Listed)
	}
	p = store.MemberPage{TotalCount: len(ms)}
	for _, m := range ms {
		if hasCur && !store.MemberAfter(m.node.Name, m.node.ID, curName, curID) {
			continue
		}
		if len(p.Members) == q.First {
			p.HasNext = true
			break
		}
		p.Members = append(p.Members, store.Member{Node: m.node, Located: m.rel, Cursor: store.MemberCursor(m.node)})
	}
	if n := len(p.Members); n > 0 {
		p.EndCursor = p.Members[n-1].Cursor
	}
	return p, nil
}

// loadMemberPage loads one page through the members loader, or straight
// from the store when the field is not inside a list (zone(name) { enterprises }):
// no sibling zone can then join the batch, and the loader's wait is saved.
func (r *Resolver) loadMemberPage(ctx context.Context, k memberKey) (store.MemberPage, error) {
	l := r.loaders(ctx)
	if p, ok := l.ahead.get(k); ok {
		return p, nil
	}
	if inList(ctx) {
		return l.members.Load(ctx, k)
	}
	pages, err := loadMembers(ctx, r.Store, l, []memberKey{k})
	return pages[k], err
}

// inList reports whether the current field is resolved for an element of
// a list, at any depth (its path has an index).
func inList(ctx context.Context) bool {
	for fc := graphql.GetFieldContext(ctx); fc != nil; fc = fc.Parent {
		if fc.Index != nil {
			return true
		}
	}
	return false
}

// connectMembers reads a page of a zone's members into a connection's
// nodes, edges and page info.
func connectMembers[N any, E any](ctx context.Context, r *zoneResolver, zone kg.ID, q store.MemberQuery, first *int, after *string,
	wrap func(kg.Node) N, edge func(cursor string, n *N, rel *model.Relation) E) ([]N, []E, *model.PageInfo, int, error) {
	q, err := r.Limits.withPage(q, first, after)
	if err != nil {
		return nil, nil, nil, 0, err
	}
	q.With = memberRelations(ctx, q.Label)
	q.NoEvidence = !fieldNeedsEvidence(ctx)
	p, err := r.memberPage(ctx, zone, q)
	if err != nil {
		return nil, nil, nil, 0, err
	}
	nodes, edges := make([]N, len(p.Members)), make([]E, len(p.Members))
	for i, m := range p.Members {
		nodes[i] = wrap(clean(m.Node))
		rel := model.Relation{Relation: cleanRel(m.Located)}
		edges[i] = edge(m.Cursor, &nodes[i], &rel)
	}
	info := &model.PageInfo{HasNextPage: p.HasNext}
	if p.EndCursor != "" {
		c := p.EndCursor
		info.EndCursor = &c
	}
	return nodes, edges, info, p.TotalCount, nil
}

// withPage sets a members connection field's page arguments (first,
// after) on q.
func (l Limits) withPage(q store.MemberQuery, first *int, after *string) (store.MemberQuery, error) {
	n, err := l.pageSize("first", first, 100)
	if err != nil {
		return q, err
	}
	q.First, q.After = n, deref(after, "")
	return q, nil
}

// aheadPages are the members pages read ahead of their field with the
// zone they belong to (zoneAhead), by key; safe for concurrent fields.
type aheadPages struct {
	mu    sync.RWMutex
	pages map[memberKey]store.MemberPage
}

func (a *aheadPages) put(k memberKey, p store.MemberPage) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.pages == nil {
		a.pages = map[memberKey]store.MemberPage{}
	}
	a.pages[k] = p
}

func (a *aheadPages) get(k memberKey) (store.MemberPage, bool) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	p, ok := a.pages[k]
	return p, ok
}

// zoneAhead is zoneByName for a field whose selection asks for one of
// the zone's members connections (aheadMemberQuery): a store that is a
// store.ZoneMemberReader finds the zone and reads that page in one call,
// and the page waits in the loaders for the connection's resolver.
// Otherwise, or when no zone's keys match, as zoneByName.
func (r *Resolver) zoneAhead(ctx context.Context, name string) (*kg.Node, error) {
	zr, ok := r.Store.(store.ZoneMemberReader)
	if !ok || store.NormalizeName(name) == "" {
		return r.zoneByName(ctx, name)
	}
	q, ok := aheadMemberQuery(ctx, r.Limits)
	if !ok {
		return r.zoneByName(ctx, name)
	}
	z, p, err := zr.ZoneMembers(ctx, name, q)
	if err != nil {
		return r.zoneByName(ctx, name) // the members field reports its own errors
	}
	if z == nil {
		return r.byName(ctx, name, []kg.Label{kg.LabelZone})
	}
	l := r.loaders(ctx)
	l.prime(*z)
	l.keepPage(p, q)
	l.ahead.put(newMemberKey(z.ID, q), p)
	if fc := graphql.GetFieldContext(ctx); fc != nil && settledZone(graphql.GetOperationContext(ctx), fc.Field.Field, q) {
		listexec.MarkSettled(ctx)
	}
	return z, nil
}
