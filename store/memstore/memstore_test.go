package memstore_test

import (
	"testing"

	"github.com/zonegraph/zonegraph/store"
	"github.com/zonegraph/zonegraph/store/memstore"
	"github.com/zonegraph/zonegraph/store/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return memstore.New() })
}
