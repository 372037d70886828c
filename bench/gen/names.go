package gen

import (
	"bufio"
	_ "embed"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
)

//go:embed gazetteer/national-hitech-zones.tsv
var zonesTSV string

// NationalZone is one row of the national high-tech zone gazetteer.
type NationalZone struct {
	Name     string
	FullName string
	Province string
	City     string
	Aliases  []string
}

var nationalZones, cities = parseZones(zonesTSV)

func parseZones(tsv string) ([]NationalZone, []string) {
	var zones []NationalZone
	seen := map[string]bool{}
	var cs []string
	sc := bufio.NewScanner(strings.NewReader(tsv))
	first := true
	for sc.Scan() {
		if first {
			first = false
			continue
		}
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 4 || f[0] == "" {
			continue
		}
		z := NationalZone{Name: f[0], FullName: f[1], Province: f[2], City: f[3]}
		if len(f) > 5 && f[5] != "" {
			z.Aliases = strings.Split(f[5], "|")
		}
		zones = append(zones, z)
		if !seen[z.City] && z.City != "" {
			seen[z.City] = true
			cs = append(cs, z.City)
		}
	}
	sort.Strings(cs)
	return zones, cs
}

// NationalZones returns the gazetteer the generators draw zones from.
func NationalZones() []NationalZone { return append([]NationalZone(nil), nationalZones...) }

// bijection maps [0, n) onto itself in a scrambled but deterministic order,
// so that consecutive indexes get unrelated-looking but unique names.
type bijection struct{ a, b, n uint64 }

func newBijection(n uint64, salt uint64) bijection {
	a := uint64(2654435761) % n
	if a == 0 {
		a = 1
	}
	for gcd(a, n) != 1 {
		a++
	}
	return bijection{a: a, b: (salt * 40503) % n, n: n}
}

func (p bijection) at(i uint64) uint64 {
	hi, lo := mulmod(i%p.n, p.a, p.n), p.b
	return (hi + lo) % p.n
}

func mulmod(x, y, m uint64) uint64 {
	// n stays far below 2^32 here, so the product fits.
	return (x * y) % m
}

func gcd(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// radix decodes v into digits of the given bases (least significant first).
func radix(v uint64, bases ...int) []int {
	out := make([]int, len(bases))
	for i, b := range bases {
		out[i] = int(v % uint64(b))
		v /= uint64(b)
	}
	return out
}

// namer composes unique names by index for each kind of entity.
type namer struct {
	firm, inst, person, project, park bijection
}

var (
	firmCap    = uint64(len(cities) * len(coreChars) * len(coreChars) * len(industries) * len(firmSuffixes))
	instCap    = uint64(len(cities) * len(coreChars) * len(coreChars) * len(institutionKinds))
	personCap  = uint64(len(surnames) * (len(givenChars) + len(givenChars)*len(givenChars)))
	projectCap = uint64(len(cities) * len(coreChars) * len(coreChars) * len(projectKinds) * len(projectPhases))
	parkCap    = uint64(len(nationalZones) * len(parkSectors) * len(parkKinds))
)

func newNamer(seed uint64) namer {
	return namer{
		firm:    newBijection(firmCap, seed+1),
		inst:    newBijection(instCap, seed+2),
		person:  newBijection(personCap, seed+3),
		project: newBijection(projectCap, seed+4),
		park:    newBijection(parkCap, seed+5),
	}
}

// firmParts is an enterprise name taken apart.
type firmParts struct {
	City, Core, Industry, Suffix string
}

func (f firmParts) Name() string  { return f.City + f.Core + f.Industry + f.Suffix }
func (f firmParts) Short() string { return f.Core + f.Industry }
func (f firmParts) CityShort() string {
	return f.City + f.Core
}

func (n namer) firmAt(i int) firmParts {
	d := radix(n.firm.at(uint64(i)), len(cities), len(coreChars), len(coreChars), len(industries), len(firmSuffixes))
	return firmParts{City: cities[d[0]], Core: coreChars[d[1]] + coreChars[d[2]], Industry: industries[d[3]], Suffix: firmSuffixes[d[4]]}
}

// bankAt names the i-th bank: national banks first, then city banks.
func bankAt(i int) string {
	if i < len(nationalBanks) {
		return nationalBanks[i]
	}
	i -= len(nationalBanks)
	return cities[i%len(cities)] + cityBankSuffixes[(i/len(cities))%len(cityBankSuffixes)]
}

var bankCap = len(nationalBanks) + len(cities)*len(cityBankSuffixes)

func (n namer) institutionAt(i int) string {
	d := radix(n.inst.at(uint64(i)), len(cities), len(coreChars), len(coreChars), len(institutionKinds))
	return cities[d[0]] + coreChars[d[1]] + coreChars[d[2]] + institutionKinds[d[3]]
}

func (n namer) personAt(i int) string {
	v := n.person.at(uint64(i))
	per := uint64(len(givenChars) + len(givenChars)*len(givenChars))
	s, g := surnames[v/per], v%per
	if g < uint64(len(givenChars)) {
		return s + givenChars[g]
	}
	g -= uint64(len(givenChars))
	return s + givenChars[g/uint64(len(givenChars))] + givenChars[g%uint64(len(givenChars))]
}

func (n namer) projectAt(i int) string {
	d := radix(n.project.at(uint64(i)), len(cities), len(coreChars), len(coreChars), len(projectKinds), len(projectPhases))
	return cities[d[0]] + coreChars[d[1]] + coreChars[d[2]] + projectKinds[d[3]] + projectPhases[d[4]]
}

// parkAt names the i-th sub-park and returns the index of its parent national zone.
func (n namer) parkAt(i int) (string, int) {
	d := radix(n.park.at(uint64(i)), len(nationalZones), len(parkSectors), len(parkKinds))
	return nationalZones[d[0]].Name + parkSectors[d[1]] + parkKinds[d[2]], d[0]
}

// zipf samples ranks 0..n-1 with probability proportional to 1/(rank+1)^s.
type zipf struct{ cdf []float64 }

func newZipf(n int, s float64) zipf {
	cdf := make([]float64, n)
	sum := 0.0
	for k := 0; k < n; k++ {
		sum += 1 / math.Pow(float64(k+1), s)
		cdf[k] = sum
	}
	return zipf{cdf: cdf}
}

// draw samples a rank in [0, n).
func (z zipf) draw(r *rand.Rand) int { return z.drawBelow(r, len(z.cdf)) }

// drawBelow samples a rank in [0, limit) (limit <= n) with the same weights.
func (z zipf) drawBelow(r *rand.Rand, limit int) int {
	if limit <= 1 {
		return 0
	}
	u := r.Float64() * z.cdf[limit-1]
	return sort.SearchFloat64s(z.cdf[:limit], u)
}

// count draws an integer with mean q: floor(q) plus one with probability frac(q).
func count(r *rand.Rand, q float64) int {
	c := int(q)
	if r.Float64() < q-float64(c) {
		c++
	}
	return c
}

func mustf(cond bool, format string, args ...any) error {
	if cond {
		return nil
	}
	return fmt.Errorf(format, args...)
}
