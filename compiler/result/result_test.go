package result

import (
	"errors"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/assay-dev/assay/catalog"
)

func TestRuleDefaults(t *testing.T) {
	r := OutlierRule{Metric: "m", Method: RobustZ}.WithDefaults()
	want := OutlierRule{Metric: "m", Method: RobustZ, Threshold: 3.5, K: 1.5, Alpha: 0.05, MaxOutliers: 10, Direction: Both, MinGroup: 3}
	if r.Threshold != want.Threshold || r.K != want.K || r.Alpha != want.Alpha || r.MaxOutliers != want.MaxOutliers || r.Direction != want.Direction || r.MinGroup != want.MinGroup {
		t.Errorf("robust_z defaults %+v, want %+v", r, want)
	}
	if z := (OutlierRule{Method: ZScore, Threshold: 2}).WithDefaults(); z.Threshold != 2 {
		t.Errorf("a given threshold is kept, got %v", z.Threshold)
	}
	if z := (OutlierRule{Method: ZScore}).WithDefaults(); z.Threshold != 3 {
		t.Errorf("zscore threshold %v, want 3", z.Threshold)
	}
	if err := r.Validate(); err != nil {
		t.Error(err)
	}
	bad := OutlierRule{Metric: "m", Method: "mad"}.WithDefaults()
	if err := bad.Validate(); !errors.Is(err, ErrInvalidRule) || err.Error() != `invalid outliers rule for "m": unknown method "mad" (want zscore, robust_z, iqr, esd or grubbs)` {
		t.Errorf("err = %v", err)
	}
}

func TestOneListOfWords(t *testing.T) {
	if got := MethodList(", "); got != "zscore, robust_z, iqr, esd, grubbs" {
		t.Errorf("MethodList = %q", got)
	}
	for _, m := range Methods {
		if !m.Valid() {
			t.Errorf("%s is not valid", m)
		}
	}
	if Method("zcore").Valid() || Direction("up").Valid() || !High.Valid() {
		t.Errorf("Valid disagrees with the lists")
	}
}

func TestSchemas(t *testing.T) {
	res := &Result{
		Columns:   []Column{{Name: "d", Type: ArrowType(catalog.Of(catalog.Date))}, {Name: "n", Type: ArrowType(catalog.Type{Kind: catalog.Decimal})}},
		Generated: []Column{{Name: "n_outlier", Type: arrow.FixedWidthTypes.Boolean, Role: OutlierFlag}},
		Final:     []string{"n_outlier", "d"},
	}
	q := res.QuerySchema()
	if q.NumFields() != 2 || !arrow.TypeEqual(q.Field(1).Type, UndeclaredDecimal) || !q.Field(0).Nullable {
		t.Errorf("query schema %v", q)
	}
	f := res.FinalSchema()
	if f.NumFields() != 2 || f.Field(0).Name != "n_outlier" || f.Field(0).Type.ID() != arrow.BOOL || f.Field(1).Type.ID() != arrow.DATE32 {
		t.Errorf("final schema %v", f)
	}
	if OutlierFlag.String() != "outlier flag" || Role(99).String() != "role(?)" {
		t.Errorf("role names")
	}
}
