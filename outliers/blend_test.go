package outliers

import (
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/assay-dev/assay/compiler/result"
)

func TestPercentRanks(t *testing.T) {
	nan := math.NaN()
	ranks, ok := PercentRanks([]float64{20, 10, nan, 30, 20, math.Inf(-1)}, nil)
	// usable 10 20 20 30: ranks 1, 2.5, 2.5, 4 → (r − 1)/3
	if !slices.Equal(ranks, []float64{0.5, 0, 0, 1, 0.5, 0}) || !slices.Equal(ok, []bool{true, true, false, true, true, false}) {
		t.Errorf("ranks %v ok %v", ranks, ok)
	}
	one, _ := PercentRanks([]float64{7, 8}, []bool{false, true})
	if one[1] != 0.5 {
		t.Errorf("a single usable value ranks %v, want 0.5", one[1])
	}
	tied, _ := PercentRanks([]float64{4, 4, 4}, nil)
	if !slices.Equal(tied, []float64{0.5, 0.5, 0.5}) {
		t.Errorf("all tied: %v", tied)
	}
}

func TestBlendNegativeWeight(t *testing.T) {
	a := []float64{1, 2, 3}
	scores, ok, err := Blend([][]float64{a, a}, nil, []float64{1, -1})
	if err != nil {
		t.Fatal(err)
	}
	// Each row: (p + (1 − p)) / 2 = 0.5.
	if !slices.Equal(scores, []float64{50, 50, 50}) || !slices.Equal(ok, []bool{true, true, true}) {
		t.Errorf("scores %v", scores)
	}
	low, _, _ := Blend([][]float64{a}, nil, []float64{-2})
	if !slices.Equal(low, []float64{100, 50, 0}) {
		t.Errorf("lower is better: %v", low)
	}
}

// A row without some metrics is scored on the others, their weights
// renormalised; a row without any is NULL.
func TestBlendNulls(t *testing.T) {
	nan := math.NaN()
	a := []float64{1, 2, 3, nan}
	b := []float64{9, 3, 1, 5}
	bValid := []bool{false, true, true, false}
	scores, ok, err := Blend([][]float64{a, b}, [][]bool{nil, bValid}, []float64{0.75, -0.25})
	if err != nil {
		t.Fatal(err)
	}
	// Row 0: a only, rank 0. Row 1: a 0.5, b (3 of {3, 1}) 1 → reversed 0.
	// Row 2: a 1, b 0 → reversed 1. Row 3: nothing.
	want := []float64{0, 37.5, 100, 0}
	if !slices.Equal(scores, want) || !slices.Equal(ok, []bool{true, true, true, false}) {
		t.Errorf("scores %v ok %v, want %v", scores, ok, want)
	}
}

func TestBlendErrors(t *testing.T) {
	if _, _, err := Blend([][]float64{{1, 2}, {1}}, nil, []float64{1, 1}); !errors.Is(err, ErrLength) {
		t.Errorf("ragged: %v", err)
	}
	if _, _, err := Blend([][]float64{{1, 2}}, nil, []float64{1, 1}); !errors.Is(err, ErrLength) {
		t.Errorf("weights: %v", err)
	}
	for name, s := range map[string]result.ScoreRule{
		"empty": {Name: "s"},
		"nan":   {Name: "s", Weights: []result.Weight{{Metric: "a", Weight: math.NaN()}}},
		"inf":   {Name: "s", Weights: []result.Weight{{Metric: "a", Weight: math.Inf(1)}}},
		"zeros": {Name: "s", Weights: []result.Weight{{Metric: "a", Weight: 0}, {Metric: "b", Weight: 0}}},
	} {
		if err := s.Validate(); !errors.Is(err, result.ErrInvalidScore) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if err := (result.ScoreRule{Name: "s", Weights: []result.Weight{{Metric: "a", Weight: 0.6}, {Metric: "b", Weight: -0.4}}}).Validate(); err != nil {
		t.Error(err)
	}
}
