package compiler

import "errors"

// ErrMissingParam is returned by Bind when a required parameter has no value.
var ErrMissingParam = errors.New("required parameter has no value")
