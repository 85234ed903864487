package engine

import (
	"github.com/apache/arrow-go/v18/arrow"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler/result"
)

// UndeclaredDecimal is result.UndeclaredDecimal: the Arrow type of a
// decimal whose precision and scale the database does not declare.
var UndeclaredDecimal = result.UndeclaredDecimal

// ArrowType is result.ArrowType, the Arrow type that carries a logical
// type in every result; the backends and their tests use it through
// engine.
func ArrowType(t catalog.Type) arrow.DataType { return result.ArrowType(t) }
