// Package model holds the Go shapes of the GraphQL API that the domain
// (package kg) does not have: thin typed wrappers that give each node label
// its own GraphQL object type, the CNY and JSON scalars, and (generated in
// models_gen.go) connections, edges and payloads.
package model

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/99designs/gqlgen/graphql"

	"github.com/zonegraph/zonegraph/kg"
)

// Node is a GraphQL Node: one of the wrappers below.
type Node interface {
	KG() kg.Node
}

// Entity is a GraphQL Entity: every wrapper but Article.
type Entity interface {
	Node
	isEntity()
}

// Zone wraps a kg.Node labelled Zone.
type Zone struct{ kg.Node }

// Enterprise wraps a kg.Node labelled Enterprise.
type Enterprise struct{ kg.Node }

// Institution wraps a kg.Node labelled Institution.
type Institution struct{ kg.Node }

// Person wraps a kg.Node labelled Person.
type Person struct{ kg.Node }

// Project wraps a kg.Node labelled Project.
type Project struct{ kg.Node }

// Article wraps a kg.Node labelled Article.
type Article struct{ kg.Node }

// Relation wraps a kg.Relation for the GraphQL Relation type. Its typed
// property fields are methods without a context, which gqlgen calls inline;
// a resolver field would cost a goroutine per relation. FromNode and ToNode
// hold the ends when the reader of the relation had them at hand (nil: the
// from and to resolvers load them).
type Relation struct {
	kg.Relation
	FromNode, ToNode Node
}

// Path is the GraphQL Path. Its fields are plain Go fields, which gqlgen
// reads inline: a resolver field would cost a goroutine per path and field.
type Path struct {
	Length       int
	Nodes        []Node
	Relations    []Relation
	MinAmountCNY *CNY
}

// MinAmount is the smallest amountCNY stated on rels; nil when none
// states one.
func MinAmount(rels []kg.Relation) *CNY {
	var least *CNY
	for _, rel := range rels {
		if c := PropCNY(rel.Properties, kg.PropAmountCNY); c != nil && (least == nil || *c < *least) {
			least = c
		}
	}
	return least
}

func (z Zone) KG() kg.Node        { return z.Node }
func (e Enterprise) KG() kg.Node  { return e.Node }
func (i Institution) KG() kg.Node { return i.Node }
func (p Person) KG() kg.Node      { return p.Node }
func (p Project) KG() kg.Node     { return p.Node }
func (a Article) KG() kg.Node     { return a.Node }

func (Zone) isEntity()        {}
func (Enterprise) isEntity()  {}
func (Institution) isEntity() {}
func (Person) isEntity()      {}
func (Project) isEntity()     {}

// Wrap gives a kg.Node its GraphQL type (nil for an unknown label).
func Wrap(n kg.Node) Node {
	if n.Aliases == nil {
		n.Aliases = []string{}
	}
	switch n.Label {
	case kg.LabelZone:
		return &Zone{n}
	case kg.LabelEnterprise:
		return &Enterprise{n}
	case kg.LabelInstitution:
		return &Institution{n}
	case kg.LabelPerson:
		return &Person{n}
	case kg.LabelProject:
		return &Project{n}
	case kg.LabelArticle:
		return &Article{n}
	}
	return nil
}

// Kind is the zone's kind (national_hitech_zone, industrial_park ...).
func (z *Zone) Kind() *string { return PropString(z.Properties, kg.PropKind) }

// Province is the zone's province.
func (z *Zone) Province() *string { return PropString(z.Properties, kg.PropProvince) }

// City is the zone's city.
func (z *Zone) City() *string { return PropString(z.Properties, kg.PropCity) }

// Listed reports whether the enterprise is listed on a stock exchange.
func (e *Enterprise) Listed() bool { b, _ := e.Properties[kg.PropListed].(bool); return b }

// InvestmentCNY is the project's stated total investment.
func (p *Project) InvestmentCNY() *CNY { return PropCNY(p.Properties, kg.PropInvestmentCNY) }

// Qualifier is the word beside the investment amount (约, 超 ...).
func (p *Project) Qualifier() *string { return PropString(p.Properties, kg.PropQualifier) }

// Status is the project's stage.
func (p *Project) Status() *string { return PropString(p.Properties, kg.PropStatus) }

// AmountCNY is the relation's stated amount.
func (r *Relation) AmountCNY() *CNY { return PropCNY(r.Properties, kg.PropAmountCNY) }

// Qualifier is the word beside the amount (约, 超 ...).
func (r *Relation) Qualifier() *string { return PropString(r.Properties, kg.PropQualifier) }

// Title is a HOLDS_POSITION's title.
func (r *Relation) Title() *string { return PropString(r.Properties, kg.PropTitle) }

// Role is an INVESTS_IN's role.
func (r *Relation) Role() *string { return PropString(r.Properties, kg.PropRole) }

// Instrument is a LENDS_TO's instrument.
func (r *Relation) Instrument() *string { return PropString(r.Properties, kg.PropInstrument) }

// Agreement is a PARTNERS_WITH's agreement.
func (r *Relation) Agreement() *string { return PropString(r.Properties, kg.PropAgreement) }

// Title is the article's title.
func (a *Article) Title() string {
	if s := PropString(a.Properties, kg.PropTitle); s != nil {
		return *s
	}
	return a.Name
}

// Authors are the article's bylines.
func (a *Article) Authors() []string { return PropStrings(a.Properties, kg.PropAuthors) }

// Text is the article's reflowed body.
func (a *Article) Text() string { return deref(PropString(a.Properties, kg.PropText)) }

// Document is the page file the article was read from.
func (a *Article) Document() string { return deref(PropString(a.Properties, kg.PropDocument)) }

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// PropString reads a string property (nil when absent or empty).
func PropString(p map[string]any, key string) *string {
	switch v := p[key].(type) {
	case string:
		if v != "" {
			return &v
		}
	case []string:
		if len(v) > 0 {
			s := v[0]
			return &s
		}
	}
	return nil
}

// PropStrings reads a list-of-strings property (never nil).
func PropStrings(p map[string]any, key string) []string {
	switch v := p[key].(type) {
	case []string:
		return append([]string{}, v...)
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	case string:
		return []string{v}
	}
	return []string{}
}

// PropCNY reads an amount property (nil when absent or not a number).
func PropCNY(p map[string]any, key string) *CNY {
	var c CNY
	switch v := p[key].(type) {
	case int64:
		c = CNY(v)
	case int:
		c = CNY(v)
	case float64:
		c = CNY(math.Round(v))
	case json.Number:
		f, err := v.Float64()
		if err != nil {
			return nil
		}
		c = CNY(math.Round(f))
	default:
		return nil
	}
	return &c
}

// CNY is an amount in yuan, an integer that may exceed 32 bits.
type CNY int64

// MarshalGQL writes the amount as a JSON integer.
func (c CNY) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.FormatInt(int64(c), 10)) }

// UnmarshalGQL reads an integer amount given as a number or a string.
func (c *CNY) UnmarshalGQL(v any) error {
	switch v := v.(type) {
	case int64:
		*c = CNY(v)
	case int:
		*c = CNY(v)
	case float64:
		if v != math.Trunc(v) || math.IsInf(v, 0) {
			return fmt.Errorf("CNY must be an integer, got %v", v)
		}
		*c = CNY(v)
	case json.Number:
		n, err := strconv.ParseInt(string(v), 10, 64)
		if err != nil {
			return fmt.Errorf("CNY must be an integer: %w", err)
		}
		*c = CNY(n)
	case string:
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return fmt.Errorf("CNY must be an integer: %w", err)
		}
		*c = CNY(n)
	default:
		return fmt.Errorf("CNY must be an integer, got %T", v)
	}
	return nil
}

// MarshalJSON writes a properties map as a JSON object with sorted keys
// (nil as {}); it backs the JSON scalar.
func MarshalJSON(m map[string]any) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		b, err := json.Marshal(m)
		if m == nil || err != nil {
			b = []byte("{}")
		}
		_, _ = w.Write(b)
	})
}

// UnmarshalJSON reads a JSON object.
func UnmarshalJSON(v any) (map[string]any, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("JSON must be an object, got %T", v)
	}
	return m, nil
}

// MarshalID writes a kg.ID; it backs the ID scalar.
func MarshalID(id kg.ID) graphql.Marshaler { return graphql.MarshalString(string(id)) }

// UnmarshalID reads an ID given as a string.
func UnmarshalID(v any) (kg.ID, error) {
	s, err := graphql.UnmarshalString(v)
	return kg.ID(s), err
}
