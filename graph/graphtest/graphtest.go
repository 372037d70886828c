// Package graphtest provides test doubles for the GraphQL layer: a fixture
// graph built from the seed page's gold annotation (so API tests do not
// depend on the extractor), a store decorator that counts round trips, and
// one that simulates a database outage.
package graphtest

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"gopkg.in/yaml.v3"

	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
)

//go:embed testdata/seed-gold.yaml
var goldYAML []byte

// FixtureDocument is the page the fixture graph stands for.
var FixtureDocument = kg.Document{ID: kg.DocumentID("000_7ba3bcd1ecf2bdfd.txt"), Name: "000_7ba3bcd1ecf2bdfd.txt", SHA256: "fixture"}

type gold struct {
	Document string `yaml:"document"`
	Articles []struct {
		ID      string   `yaml:"id"`
		Title   string   `yaml:"title"`
		Authors []string `yaml:"authors"`
	} `yaml:"articles"`
	Entities []struct {
		ID       string         `yaml:"id"`
		Type     string         `yaml:"type"`
		Name     string         `yaml:"name"`
		Aliases  []string       `yaml:"aliases"`
		Attrs    map[string]any `yaml:"attrs"`
		Articles []string       `yaml:"articles"`
	} `yaml:"entities"`
	Relations []struct {
		Type     string         `yaml:"type"`
		From     string         `yaml:"from"`
		To       string         `yaml:"to"`
		Attrs    map[string]any `yaml:"attrs"`
		Evidence string         `yaml:"evidence"`
	} `yaml:"relations"`
}

// propNames maps the gold's attribute names to kg's property names.
var propNames = map[string]string{
	"investment_cny": kg.PropInvestmentCNY, "amount_cny": kg.PropAmountCNY, "listed": kg.PropListed,
	"kind": kg.PropKind, "city": kg.PropCity, "province": kg.PropProvince, "status": kg.PropStatus,
	"title": kg.PropTitle, "role": kg.PropRole, "instrument": kg.PropInstrument, "agreement": kg.PropAgreement,
}

func props(attrs map[string]any) map[string]any {
	p := map[string]any{}
	for k, v := range attrs {
		name, ok := propNames[k]
		if !ok {
			continue
		}
		if i, ok := v.(int); ok {
			v = int64(i)
		}
		p[name] = v
	}
	return p
}

// Fixture returns the graph of the seed page as its gold annotation states
// it: the entities (bylines, plain places and type twins left out), the
// articles, every relation with its evidence quote, and MENTIONED_IN.
func Fixture() *kg.Graph {
	var g gold
	if err := yaml.Unmarshal(goldYAML, &g); err != nil {
		panic(fmt.Sprintf("graphtest: gold: %v", err))
	}
	articles := map[string]kg.ID{}
	out := &kg.Graph{}
	for i, a := range g.Articles {
		id := kg.ArticleID(g.Document, i)
		articles[a.ID] = id
		out.Nodes = append(out.Nodes, kg.Node{ID: id, Label: kg.LabelArticle, Name: a.Title, Aliases: []string{},
			Properties: map[string]any{kg.PropTitle: a.Title, kg.PropAuthors: a.Authors, kg.PropDocument: g.Document}})
	}
	ids := map[string]kg.ID{}
	home := map[string]kg.ID{} // an entity's first article
	for _, e := range g.Entities {
		if strings.HasPrefix(e.ID, "t_") || strings.HasPrefix(e.ID, "p_reporter") || strings.HasPrefix(e.ID, "z_place") || strings.HasPrefix(e.ID, "x_") {
			continue
		}
		label := kg.Label(e.Type)
		id := kg.NodeID(label, e.Name)
		ids[e.ID] = id
		n := kg.Node{ID: id, Label: label, Name: e.Name, Aliases: append([]string{}, e.Aliases...), Properties: props(e.Attrs)}
		for _, a := range e.Articles {
			if home[e.ID] == "" {
				home[e.ID] = articles[a]
			}
			n.Evidence = append(n.Evidence, kg.Evidence{Article: articles[a], Quote: e.Name})
			out.Relations = append(out.Relations, kg.Relation{ID: kg.RelationID(kg.RelMentionedIn, id, articles[a]), Type: kg.RelMentionedIn,
				From: id, To: articles[a], Properties: map[string]any{kg.PropCount: int64(1)},
				Evidence: []kg.Evidence{{Article: articles[a], Quote: e.Name}}})
		}
		out.Nodes = append(out.Nodes, n)
	}
	for _, r := range g.Relations {
		from, to := ids[r.From], ids[r.To]
		if from == "" || to == "" {
			continue
		}
		t := kg.RelType(r.Type)
		out.Relations = append(out.Relations, kg.Relation{ID: kg.RelationID(t, from, to), Type: t, From: from, To: to,
			Properties: props(r.Attrs), Evidence: []kg.Evidence{{Article: home[r.From], Quote: r.Evidence}}})
	}
	out.Sort()
	return out
}

// Load upserts the fixture graph into st.
func Load(ctx context.Context, st store.Store) error {
	_, err := st.Upsert(ctx, FixtureDocument, Fixture())
	return err
}

// Counting wraps a store and counts its read round trips.
type Counting struct {
	store.Store
	calls atomic.Int64
	mu    sync.Mutex
	log   []string
}

func (c *Counting) count(method string) {
	c.calls.Add(1)
	c.mu.Lock()
	c.log = append(c.log, method)
	c.mu.Unlock()
}

// Calls returns the number of reads since the last Reset and their methods.
func (c *Counting) Calls() (int, []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return int(c.calls.Load()), append([]string(nil), c.log...)
}

// Reset sets the count to zero.
func (c *Counting) Reset() {
	c.mu.Lock()
	c.calls.Store(0)
	c.log = nil
	c.mu.Unlock()
}

func (c *Counting) Nodes(ctx context.Context, ids []kg.ID) (map[kg.ID]kg.Node, error) {
	c.count("Nodes")
	return c.Store.Nodes(ctx, ids)
}

func (c *Counting) Relations(ctx context.Context, ids []kg.ID, dir store.Direction, types []kg.RelType) (map[kg.ID][]kg.Relation, error) {
	c.count("Relations")
	return c.Store.Relations(ctx, ids, dir, types)
}

func (c *Counting) Search(ctx context.Context, text string, labels []kg.Label, limit int) ([]kg.Node, error) {
	c.count("Search")
	return c.Store.Search(ctx, text, labels, limit)
}

func (c *Counting) Zones(ctx context.Context, f store.ZoneFilter) ([]kg.Node, error) {
	c.count("Zones")
	return c.Store.Zones(ctx, f)
}

func (c *Counting) SubZones(ctx context.Context, ids []kg.ID) (map[kg.ID][]kg.ID, error) {
	c.count("SubZones")
	return c.Store.SubZones(ctx, ids)
}

func (c *Counting) Paths(ctx context.Context, from, to kg.ID, maxHops int, types []kg.RelType) ([]kg.Path, error) {
	c.count("Paths")
	return c.Store.Paths(ctx, from, to, maxHops, types)
}

func (c *Counting) Chains(ctx context.Context, from kg.ID, dir store.ChainDirection, maxHops int) ([]kg.Path, error) {
	c.count("Chains")
	return c.Store.Chains(ctx, from, dir, maxHops)
}

func (c *Counting) Neighborhood(ctx context.Context, id kg.ID, depth, limit int, types []kg.RelType) (*kg.Graph, bool, error) {
	c.count("Neighborhood")
	return c.Store.Neighborhood(ctx, id, depth, limit, types)
}

func (c *Counting) Stats(ctx context.Context) (store.Stats, error) {
	c.count("Stats")
	return c.Store.Stats(ctx)
}

// Outage wraps a store and, while Down is set, fails every call with
// store.ErrUnavailable, as a store does when its database is unreachable.
type Outage struct {
	store.Store
	down atomic.Bool
}

// SetDown starts (true) or ends (false) the outage.
func (o *Outage) SetDown(down bool) { o.down.Store(down) }

func (o *Outage) err(op string) error {
	if o.down.Load() {
		return fmt.Errorf("%s: connection refused: %w", op, store.ErrUnavailable)
	}
	return nil
}

func (o *Outage) Nodes(ctx context.Context, ids []kg.ID) (map[kg.ID]kg.Node, error) {
	if err := o.err("nodes"); err != nil {
		return nil, err
	}
	return o.Store.Nodes(ctx, ids)
}

func (o *Outage) Relations(ctx context.Context, ids []kg.ID, dir store.Direction, types []kg.RelType) (map[kg.ID][]kg.Relation, error) {
	if err := o.err("relations"); err != nil {
		return nil, err
	}
	return o.Store.Relations(ctx, ids, dir, types)
}

func (o *Outage) Search(ctx context.Context, text string, labels []kg.Label, limit int) ([]kg.Node, error) {
	if err := o.err("search"); err != nil {
		return nil, err
	}
	return o.Store.Search(ctx, text, labels, limit)
}

func (o *Outage) Zones(ctx context.Context, f store.ZoneFilter) ([]kg.Node, error) {
	if err := o.err("zones"); err != nil {
		return nil, err
	}
	return o.Store.Zones(ctx, f)
}

func (o *Outage) SubZones(ctx context.Context, ids []kg.ID) (map[kg.ID][]kg.ID, error) {
	if err := o.err("subzones"); err != nil {
		return nil, err
	}
	return o.Store.SubZones(ctx, ids)
}

func (o *Outage) Paths(ctx context.Context, from, to kg.ID, maxHops int, types []kg.RelType) ([]kg.Path, error) {
	if err := o.err("paths"); err != nil {
		return nil, err
	}
	return o.Store.Paths(ctx, from, to, maxHops, types)
}

func (o *Outage) Chains(ctx context.Context, from kg.ID, dir store.ChainDirection, maxHops int) ([]kg.Path, error) {
	if err := o.err("chains"); err != nil {
		return nil, err
	}
	return o.Store.Chains(ctx, from, dir, maxHops)
}

func (o *Outage) Neighborhood(ctx context.Context, id kg.ID, depth, limit int, types []kg.RelType) (*kg.Graph, bool, error) {
	if err := o.err("neighborhood"); err != nil {
		return nil, false, err
	}
	return o.Store.Neighborhood(ctx, id, depth, limit, types)
}

func (o *Outage) Stats(ctx context.Context) (store.Stats, error) {
	if err := o.err("stats"); err != nil {
		return store.Stats{}, err
	}
	return o.Store.Stats(ctx)
}

func (o *Outage) Ping(ctx context.Context) error {
	if err := o.err("ping"); err != nil {
		return err
	}
	return o.Store.Ping(ctx)
}

// Members counts one call and forwards to the wrapped store's
// store.MemberReader; errors.ErrUnsupported when it has none.
func (c *Counting) Members(ctx context.Context, zones []kg.ID, q store.MemberQuery) (map[kg.ID]store.MemberPage, error) {
	mr, ok := c.Store.(store.MemberReader)
	if !ok {
		return nil, fmt.Errorf("members: %w", errors.ErrUnsupported)
	}
	c.count("Members")
	return mr.Members(ctx, zones, q)
}

// NeighborhoodOf counts one Neighborhood call and forwards to the wrapped
// store's store.NeighborhoodReader; errors.ErrUnsupported when it has none.
func (c *Counting) NeighborhoodOf(ctx context.Context, id kg.ID, q store.NeighborhoodQuery) (*kg.Graph, bool, error) {
	nr, ok := c.Store.(store.NeighborhoodReader)
	if !ok {
		return nil, false, fmt.Errorf("neighborhood: %w", errors.ErrUnsupported)
	}
	c.count("Neighborhood")
	return nr.NeighborhoodOf(ctx, id, q)
}

// NeighborhoodOf fails during an outage, else forwards like Counting.NeighborhoodOf.
func (o *Outage) NeighborhoodOf(ctx context.Context, id kg.ID, q store.NeighborhoodQuery) (*kg.Graph, bool, error) {
	nr, ok := o.Store.(store.NeighborhoodReader)
	if !ok {
		return nil, false, fmt.Errorf("neighborhood: %w", errors.ErrUnsupported)
	}
	if err := o.err("neighborhood"); err != nil {
		return nil, false, err
	}
	return nr.NeighborhoodOf(ctx, id, q)
}

// Members fails during an outage, else forwards like Counting.Members.
func (o *Outage) Members(ctx context.Context, zones []kg.ID, q store.MemberQuery) (map[kg.ID]store.MemberPage, error) {
	mr, ok := o.Store.(store.MemberReader)
	if !ok {
		return nil, fmt.Errorf("members: %w", errors.ErrUnsupported)
	}
	if err := o.err("members"); err != nil {
		return nil, err
	}
	return mr.Members(ctx, zones, q)
}

// ZoneMembers counts one call and forwards to the wrapped store's
// store.ZoneMemberReader; errors.ErrUnsupported when it has none.
func (c *Counting) ZoneMembers(ctx context.Context, name string, q store.MemberQuery) (*kg.Node, store.MemberPage, error) {
	zr, ok := c.Store.(store.ZoneMemberReader)
	if !ok {
		return nil, store.MemberPage{}, fmt.Errorf("zone members: %w", errors.ErrUnsupported)
	}
	c.count("ZoneMembers")
	return zr.ZoneMembers(ctx, name, q)
}

// ZoneMembers fails during an outage, else forwards like Counting.ZoneMembers.
func (o *Outage) ZoneMembers(ctx context.Context, name string, q store.MemberQuery) (*kg.Node, store.MemberPage, error) {
	zr, ok := o.Store.(store.ZoneMemberReader)
	if !ok {
		return nil, store.MemberPage{}, fmt.Errorf("zone members: %w", errors.ErrUnsupported)
	}
	if err := o.err("zone members"); err != nil {
		return nil, store.MemberPage{}, err
	}
	return zr.ZoneMembers(ctx, name, q)
}

// ZoneByName counts one call and forwards to the wrapped store's
// store.ZoneMemberReader; errors.ErrUnsupported when it has none.
func (c *Counting) ZoneByName(ctx context.Context, name string) (*kg.Node, error) {
	zr, ok := c.Store.(store.ZoneMemberReader)
	if !ok {
		return nil, fmt.Errorf("zone by name: %w", errors.ErrUnsupported)
	}
	c.count("ZoneByName")
	return zr.ZoneByName(ctx, name)
}

// ZoneByName fails during an outage, else forwards like Counting.ZoneByName.
func (o *Outage) ZoneByName(ctx context.Context, name string) (*kg.Node, error) {
	zr, ok := o.Store.(store.ZoneMemberReader)
	if !ok {
		return nil, fmt.Errorf("zone by name: %w", errors.ErrUnsupported)
	}
	if err := o.err("zone by name"); err != nil {
		return nil, err
	}
	return zr.ZoneByName(ctx, name)
}

// NodeByName counts one call and forwards to the wrapped store's
// store.NameReader; errors.ErrUnsupported when it has none.
func (c *Counting) NodeByName(ctx context.Context, name string, labels []kg.Label) (*kg.Node, error) {
	nr, ok := c.Store.(store.NameReader)
	if !ok {
		return nil, fmt.Errorf("node by name: %w", errors.ErrUnsupported)
	}
	c.count("NodeByName")
	return nr.NodeByName(ctx, name, labels)
}

// NodeByName fails during an outage, else forwards like Counting.NodeByName.
func (o *Outage) NodeByName(ctx context.Context, name string, labels []kg.Label) (*kg.Node, error) {
	nr, ok := o.Store.(store.NameReader)
	if !ok {
		return nil, fmt.Errorf("node by name: %w", errors.ErrUnsupported)
	}
	if err := o.err("node by name"); err != nil {
		return nil, err
	}
	return nr.NodeByName(ctx, name, labels)
}
