package dialect

import (
	"fmt"
	"math/big"
	"regexp"
	"strings"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler/sqlast"
)

// intervalPair is one "N unit" of an interval literal's text.
var intervalPair = regexp.MustCompile(`(-?\d+(?:\.\d+)?)\s*([a-z]+)`)

// microsPer is the length of each unit below a month. A day is 24 hours:
// queries run in UTC, where PostgreSQL's calendar day is that long too.
var microsPer = map[string]int64{
	"microsecond": 1, "millisecond": 1_000, "second": 1_000_000, "minute": 60_000_000,
	"hour": 3_600_000_000, "day": 86_400_000_000, "week": 7 * 86_400_000_000,
}

// intervalUnits splits interval text ('1 month 36 hours') into whole
// months and microseconds, as PostgreSQL adds them to a timestamp: the
// months first, then the rest. A fraction of a month or year has no exact
// MySQL spelling and is an error.
func intervalUnits(text string) (months int64, micros int64, err error) {
	for _, m := range intervalPair.FindAllStringSubmatch(strings.ToLower(text), -1) {
		n, ok := new(big.Rat).SetString(m[1])
		if !ok {
			return 0, 0, fmt.Errorf("interval literal %q: %q is not a number", text, m[1])
		}
		unit := strings.TrimSuffix(m[2], "s")
		switch unit {
		case "year", "month":
			if unit == "year" {
				n.Mul(n, big.NewRat(12, 1))
			}
			if !n.IsInt() {
				return 0, 0, fmt.Errorf("interval literal %q: a fraction of a month or year has no MySQL spelling", text)
			}
			months += n.Num().Int64()
		default:
			per, ok := microsPer[unit]
			if !ok {
				return 0, 0, fmt.Errorf("interval literal %q: unknown unit %q", text, m[2])
			}
			n.Mul(n, big.NewRat(per, 1))
			if !n.IsInt() {
				return 0, 0, fmt.Errorf("interval literal %q: finer than a microsecond", text)
			}
			micros += n.Num().Int64()
		}
	}
	return months, micros, nil
}

// CheckInterval reports whether the interval literal text can be added to
// or subtracted from a date in dialect d, and why not.
func (d *Dialect) CheckInterval(text string) error {
	if !d.IntervalArith {
		return nil
	}
	_, _, err := intervalUnits(text)
	return err
}

// intervalOperand reports whether e is x + interval '…' or x - interval
// '…', which a dialect with IntervalArith writes as x ± INTERVAL n MONTH
// ± INTERVAL n MICROSECOND.
func intervalOperand(e *sqlast.Binary) (*sqlast.TypedLiteral, bool) {
	lit, ok := e.R.(*sqlast.TypedLiteral)
	return lit, ok && lit.Type == catalog.Interval && (e.Op == "+" || e.Op == "-")
}

// intervalArith writes x ± interval '…' in MySQL's date arithmetic.
func (r *renderer) intervalArith(e *sqlast.Binary, lit *sqlast.TypedLiteral) {
	months, micros, err := intervalUnits(lit.Value)
	if err != nil {
		r.fail("%w", err)
		return
	}
	r.operand(e.L, binaryPrec[e.Op])
	if months != 0 || micros == 0 {
		fmt.Fprintf(r.b, " %s INTERVAL %d MONTH", e.Op, months)
	}
	if micros != 0 {
		fmt.Fprintf(r.b, " %s INTERVAL %d MICROSECOND", e.Op, micros)
	}
}
