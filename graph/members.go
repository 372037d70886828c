package graph

import (
	"context"
	"encoding/base64"
	"errors"
	"regexp"
	"sort"
	"strings"

	"github.com/zonegraph/zonegraph/graph/model"
	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
)

func withLabel(nodes []kg.Node, label kg.Label) []kg.Node {
	if label == "" {
		return nodes
	}
	out := nodes[:0:0]
	for _, n := range nodes {
		if n.Label == label {
			out = append(out, n)
		}
	}
	return out
}

func sortByName(nodes []kg.Node) []kg.Node {
	sort.SliceStable(nodes, func(i, j int) bool {
		if nodes[i].Name != nodes[j].Name {
			return nodes[i].Name < nodes[j].Name
		}
		return nodes[i].ID < nodes[j].ID
	})
	return nodes
}

// member is a node located in a zone, with the LOCATED_IN relation.
type member struct {
	node kg.Node
	rel  kg.Relation
}

// zoneMembers returns the nodes with the label LOCATED_IN the zone (and in
// its sub-zones at any depth when includeSubZones), ordered by name, each
// with the first LOCATED_IN relation that places it there.
func (r *Resolver) zoneMembers(ctx context.Context, zone kg.ID, label kg.Label, includeSubZones bool) ([]member, error) {
	zones := []kg.ID{zone}
	if includeSubZones {
		sub, err := r.loaders(ctx).subZones.Load(ctx, zone)
		if err != nil {
			return nil, err
		}
		zones = append(zones, sub...)
	}
	rels, err := r.relationsOfMany(ctx, zones, store.Incoming, kg.RelLocatedIn)
	if err != nil {
		return nil, err
	}
	first := map[kg.ID]kg.Relation{}
	var ids []kg.ID
	for _, z := range zones {
		for _, rel := range rels[z] {
			if _, ok := first[rel.From]; !ok {
				first[rel.From] = rel
				ids = append(ids, rel.From)
			}
		}
	}
	nodes, err := r.nodesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	nodes = sortByName(withLabel(nodes, label))
	out := make([]member, len(nodes))
	for i, n := range nodes {
		out[i] = member{node: n, rel: first[n.ID]}
	}
	return out, nil
}

// page cuts one page out of a list ordered by a stable key: after is the
// cursor of the last item seen (from an earlier page).
func page[T any](l Limits, items []T, id func(T) kg.ID, first *int, after *string, def int) ([]T, *model.PageInfo, error) {
	n, err := l.pageSize("first", first, def)
	if err != nil {
		return nil, nil, err
	}
	start := 0
	if after != nil && *after != "" {
		key, err := decodeCursor(*after)
		if err != nil {
			return nil, nil, err
		}
		start = -1
		for i, it := range items {
			if id(it) == key {
				start = i + 1
				break
			}
		}
		if start < 0 {
			return nil, nil, badInput("cursor %q does not point into this list", *after)
		}
	}
	end := min(start+n, len(items))
	out := items[start:end]
	info := &model.PageInfo{HasNextPage: end < len(items)}
	if len(out) > 0 {
		c := cursor(id(out[len(out)-1]))
		info.EndCursor = &c
	}
	return out, info, nil
}

func cursor(id kg.ID) string { return base64.RawURLEncoding.EncodeToString([]byte(id)) }

func decodeCursor(c string) (kg.ID, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return "", badInput("malformed cursor %q", c)
	}
	return kg.ID(b), nil
}

// idPattern matches the IDs kg derives (label:hex).
var idPattern = regexp.MustCompile(`^[a-z]+:[0-9a-f]{16}$`)

// resolveRef turns an argument that is an ID, or an exact name or alias of
// an entity, into the node's ID; an unknown one is NOT_FOUND.
func (r *Resolver) resolveRef(ctx context.Context, ref string) (kg.ID, error) {
	if idPattern.MatchString(ref) {
		n, err := r.node(ctx, kg.ID(ref))
		if err != nil {
			return "", err
		}
		if n == nil {
			return "", notFound("no node with ID %q", ref)
		}
		return n.ID, nil
	}
	n, err := r.byName(ctx, ref, kg.EntityLabels)
	if err != nil {
		return "", err
	}
	if n == nil {
		return "", notFound("no node with ID, name or alias %q", ref)
	}
	return n.ID, nil
}

// zoneByName is byName for zones: the exact lookup of the zones' keys
// (ZoneFilter.Name, no full-text search) answers when a zone's name or
// alias is name, the name first, the smallest ID first; else byName.
func (r *Resolver) zoneByName(ctx context.Context, name string) (*kg.Node, error) {
	want := store.NormalizeName(name)
	if want == "" {
		return nil, nil
	}
	best, err := r.pickZone(ctx, name)
	if err != nil {
		return nil, err
	}
	if best == nil {
		return r.byName(ctx, name, []kg.Label{kg.LabelZone})
	}
	r.loaders(ctx).prime(*best)
	return best, nil
}

// pickZone is store.PickZone among the zones with name among their keys:
// the store's ZoneByName when it has one (neo4jstore seeks an index).
func (r *Resolver) pickZone(ctx context.Context, name string) (*kg.Node, error) {
	if zr, ok := r.Store.(store.ZoneMemberReader); ok {
		z, err := zr.ZoneByName(ctx, name)
		if !errors.Is(err, errors.ErrUnsupported) { // a wrapper of a store without it
			return z, err
		}
	}
	zs, err := r.Store.Zones(ctx, store.ZoneFilter{Name: name})
	if err != nil {
		return nil, err
	}
	return store.PickZone(zs, name), nil
}

// byName finds the node whose name or alias is exactly name (after
// normalisation), among labels; nil when there is none. Own names win,
// the smallest ID first: a store.NameReader finds them by an index, and
// only a name that is no node's own is searched for among the aliases.
func (r *Resolver) byName(ctx context.Context, name string, labels []kg.Label) (*kg.Node, error) {
	want := store.NormalizeName(name)
	if want == "" {
		return nil, nil
	}
	if nr, ok := r.Store.(store.NameReader); ok {
		n, err := nr.NodeByName(ctx, name, labels)
		switch {
		case errors.Is(err, errors.ErrUnsupported): // a wrapper of a store without it
		case err != nil:
			return nil, err
		case n != nil:
			r.loaders(ctx).prime(*n)
			return n, nil
		}
	}
	found, err := r.Store.Search(ctx, name, labels, 20)
	if err != nil {
		return nil, err
	}
	for _, n := range found {
		if store.NormalizeName(n.Name) == want {
			r.loaders(ctx).prime(n)
			return &n, nil
		}
	}
	for _, n := range found {
		for _, a := range n.Aliases {
			if store.NormalizeName(a) == want {
				r.loaders(ctx).prime(n)
				return &n, nil
			}
		}
	}
	// A zone named "X（Y）" answers to Y too: 杭州高新区（滨江） is 滨江.
	for _, n := range found {
		if n.Label != kg.LabelZone {
			continue
		}
		for _, a := range append([]string{n.Name}, n.Aliases...) {
			if strings.HasSuffix(store.NormalizeName(a), "("+want+")") {
				r.loaders(ctx).prime(n)
				return &n, nil
			}
		}
	}
	return nil, nil
}

func notFound(format string, args ...any) error {
	return wrapf(store.ErrNotFound, format, args...)
}

func wrapf(sentinel error, format string, args ...any) error {
	return &wrapped{msg: strings.TrimSpace(sprintf(format, args...)), err: sentinel}
}

type wrapped struct {
	msg string
	err error
}

func (w *wrapped) Error() string { return w.msg }
func (w *wrapped) Unwrap() error { return w.err }

// zoneStats counts over a zone and its sub-zones: three paged member
// reads (the counts alone for enterprises and listed ones; every project
// for the investment sum), batched per query across the zones of a level.
func (r *Resolver) zoneStats(ctx context.Context, zone kg.ID) (*model.ZoneStats, error) {
	yes := true
	ents, err := r.memberPage(ctx, zone, store.MemberQuery{Label: kg.LabelEnterprise, IncludeSubZones: true})
	if err != nil {
		return nil, err
	}
	listed, err := r.memberPage(ctx, zone, store.MemberQuery{Label: kg.LabelEnterprise, Listed: &yes, IncludeSubZones: true})
	if err != nil {
		return nil, err
	}
	projs, err := r.memberPage(ctx, zone, store.MemberQuery{Label: kg.LabelProject, IncludeSubZones: true, First: maxMembers})
	if err != nil {
		return nil, err
	}
	s := &model.ZoneStats{Enterprises: ents.TotalCount, ListedEnterprises: listed.TotalCount, Projects: projs.TotalCount}
	for _, m := range projs.Members {
		if c := model.PropCNY(m.Node.Properties, kg.PropInvestmentCNY); c != nil {
			s.InvestmentCny += *c
		}
	}
	return s, nil
}

// maxMembers is the page size that reads every member of a zone.
const maxMembers = 1 << 30
