// Package validation sets up the one validator (go-playground/validator v10)
// that every package uses, and turns its errors into problems that name the
// JSON path of each bad field.
package validation

import (
	"errors"
	"reflect"
	"regexp"
	"strings"

	"github.com/go-playground/validator/v10"

	"pingyi/fault"
)

// codePattern is what Pingyi accepts as a code (campaign, unit, indicator,
// option, group, category): safe in URLs, file names and CSV cells.
var codePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// IsCode reports whether s is a code as the `code` tag accepts it.
func IsCode(s string) bool { return codePattern.MatchString(s) }

// New returns a validator that reports fields by their JSON names and knows
// the `code` tag.
func New() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name := strings.SplitN(f.Tag.Get("json"), ",", 2)[0]
		if name == "-" {
			return ""
		}
		if name == "" {
			return f.Name
		}
		return name
	})
	v.RegisterValidation("code", func(fl validator.FieldLevel) bool {
		return codePattern.MatchString(fl.Field().String())
	})
	return v
}

// Problems turns a validator error into problems with JSON paths relative to
// the validated document (units[3].code, not Definition.units[3].code).
// Errors that are not validation errors come back as one problem.
func Problems(err error) []fault.Problem {
	var ves validator.ValidationErrors
	if !errors.As(err, &ves) {
		return []fault.Problem{fault.P("", "%s has an invalid value", err.Error())}
	}
	out := make([]fault.Problem, 0, len(ves))
	for _, fe := range ves {
		path := fe.Namespace()
		if i := strings.IndexByte(path, '.'); i >= 0 {
			path = path[i+1:]
		}
		out = append(out, problem(path, fe))
	}
	return out
}

func problem(path string, fe validator.FieldError) fault.Problem {
	name := fe.Field()
	switch fe.Tag() {
	case "required", "required_without", "required_with":
		return fault.P(path, "%s is required", name)
	case "max":
		if fe.Kind() == reflect.Slice {
			return fault.P(path, "%s may have at most %s entries", name, fe.Param())
		}
		if fe.Kind() == reflect.String {
			return fault.P(path, "%s must be at most %s characters", name, fe.Param())
		}
		return fault.P(path, "%s must be at most %s", name, fe.Param())
	case "min":
		if fe.Kind() == reflect.Slice {
			return fault.P(path, "%s needs at least %s entries", name, fe.Param())
		}
		if fe.Kind() == reflect.String {
			return fault.P(path, "%s must be at least %s characters", name, fe.Param())
		}
		return fault.P(path, "%s must be at least %s", name, fe.Param())
	case "gte":
		return fault.P(path, "%s must be at least %s", name, fe.Param())
	case "lte":
		return fault.P(path, "%s must be at most %s", name, fe.Param())
	case "gt":
		return fault.P(path, "%s must be greater than %s", name, fe.Param())
	case "oneof":
		return fault.P(path, "%s must be one of: %s", name, strings.ReplaceAll(fe.Param(), " ", ", "))
	case "code":
		return fault.P(path, "%s must be a code: letters, digits, '.', '_' or '-', at most 64, starting with a letter or digit", name)
	}
	return fault.P(path, "%s has an invalid value", name)
}
