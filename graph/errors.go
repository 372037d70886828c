package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/zonegraph/zonegraph/store"
)

// The extensions.code values the API answers with (besides gqlgen's own
// GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED and
// COMPLEXITY_LIMIT_EXCEEDED).
const (
	CodeNotFound            = "NOT_FOUND"
	CodeDatabaseUnavailable = "DATABASE_UNAVAILABLE"
	CodeBadUserInput        = "BAD_USER_INPUT"
	CodeLimitExceeded       = "LIMIT_EXCEEDED"
	CodeTimeout             = "TIMEOUT"
	CodeInternal            = "INTERNAL"
	// CodeIntrospectionDisabled: __schema / __type asked while introspection is off.
	CodeIntrospectionDisabled = "INTROSPECTION_DISABLED"
)

// ErrLimitExceeded: an argument or the query itself is beyond a limit
// (page size, hops, neighbourhood depth, query depth). Wrap it with %w.
var ErrLimitExceeded = errors.New("limit exceeded")

// codeOf maps an error to its extensions.code; "" means internal.
func codeOf(err error) string {
	switch {
	case errors.Is(err, store.ErrNotFound):
		return CodeNotFound
	case errors.Is(err, store.ErrUnavailable):
		return CodeDatabaseUnavailable
	case errors.Is(err, store.ErrInvalidArgument):
		return CodeBadUserInput
	case errors.Is(err, ErrLimitExceeded):
		return CodeLimitExceeded
	case errors.Is(err, context.DeadlineExceeded):
		return CodeTimeout
	}
	return ""
}

// badInput returns an error the presenter answers with BAD_USER_INPUT.
func badInput(format string, args ...any) error {
	return fmt.Errorf(format+": %w", append(args, store.ErrInvalidArgument)...)
}

// ErrorPresenter is the one place that turns resolver errors into GraphQL
// errors: store and limit errors get their extensions.code and keep their
// message; anything else is logged and answered with a generic message
// and the code INTERNAL.
func ErrorPresenter(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		var gqlErr *gqlerror.Error
		if errors.As(err, &gqlErr) && gqlErr.Err == nil {
			// Parse, validation and extension errors: already client-facing.
			return graphql.DefaultErrorPresenter(ctx, err)
		}
		presented := graphql.DefaultErrorPresenter(ctx, err)
		code := codeOf(err)
		if code == "" && rootCause(err).Error() == "introspection disabled" { // gqlgen's own plain error
			code = CodeIntrospectionDisabled
		}
		if code == "" {
			log.ErrorContext(ctx, "internal error", "path", presented.Path.String(), "err", err)
			presented.Message = "internal error"
			code = CodeInternal
		}
		if presented.Extensions == nil {
			presented.Extensions = map[string]any{}
		}
		presented.Extensions["code"] = code
		return presented
	}
}

// RecoverFunc turns a resolver panic into an internal error and logs it.
func RecoverFunc(log *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		log.ErrorContext(ctx, "panic in resolver", "panic", fmt.Sprint(p))
		return errors.New("internal error")
	}
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

func rootCause(err error) error {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err
		}
		err = next
	}
}
