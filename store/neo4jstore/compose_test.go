package neo4jstore_test

import (
	"os"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestComposeFile checks docker-compose.yml's structure (no Docker engine
// is needed): services, dependencies, environment, healthcheck, volumes.
func TestComposeFile(t *testing.T) {
	raw, err := os.ReadFile("../../docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		Services map[string]struct {
			Image       string            `yaml:"image"`
			Build       any               `yaml:"build"`
			Command     []string          `yaml:"command"`
			Environment map[string]string `yaml:"environment"`
			Ports       []string          `yaml:"ports"`
			Volumes     []string          `yaml:"volumes"`
			DependsOn   map[string]struct {
				Condition string `yaml:"condition"`
			} `yaml:"depends_on"`
			Healthcheck struct {
				Test []string `yaml:"test"`
			} `yaml:"healthcheck"`
		} `yaml:"services"`
		Volumes map[string]any `yaml:"volumes"`
	}
	if err := yaml.Unmarshal(raw, &c); err != nil {
		t.Fatal(err)
	}
	neo, loader, server := c.Services["neo4j"], c.Services["loader"], c.Services["server"]
	checks := []struct {
		what string
		ok   bool
	}{
		{"three services", len(c.Services) == 3},
		{"neo4j image", neo.Image == "neo4j:5.26-community"},
		{"neo4j auth from NEO4J_PASSWORD", strings.HasPrefix(neo.Environment["NEO4J_AUTH"], "neo4j/${NEO4J_PASSWORD")},
		{"neo4j /data volume", hasSuffix(neo.Volumes, ":/data")},
		{"neo4j /logs volume", hasSuffix(neo.Volumes, ":/logs")},
		{"named volumes declared", len(c.Volumes) == 2},
		{"healthcheck wget on 7474", strings.Contains(strings.Join(neo.Healthcheck.Test, " "), "wget") &&
			strings.Contains(strings.Join(neo.Healthcheck.Test, " "), ":7474")},
		{"loader built from repo", loader.Build != nil},
		{"loader runs loader", len(loader.Command) > 0 && loader.Command[0] == "loader"},
		{"loader waits for healthy neo4j", loader.DependsOn["neo4j"].Condition == "service_healthy"},
		{"loader NEO4J_URI", loader.Environment["NEO4J_URI"] == "bolt://neo4j:7687"},
		{"loader NEO4J_PASSWORD", loader.Environment["NEO4J_PASSWORD"] != ""},
		{"server built from repo", server.Build != nil},
		{"server after loader", server.DependsOn["loader"].Condition == "service_completed_successfully"},
		{"server NEO4J_URI", server.Environment["NEO4J_URI"] == "bolt://neo4j:7687"},
		{"server port 8080", len(server.Ports) == 1 && strings.HasSuffix(server.Ports[0], ":8080")},
	}
	for _, ch := range checks {
		if !ch.ok {
			t.Errorf("docker-compose.yml: %s", ch.what)
		}
	}
	if _, err := os.Stat("../../Dockerfile"); err != nil {
		t.Errorf("Dockerfile for loader/server: %v", err)
	}
}

func hasSuffix(list []string, suffix string) bool {
	for _, s := range list {
		if strings.HasSuffix(s, suffix) {
			return true
		}
	}
	return false
}
