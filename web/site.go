package web

import (
	"net/http"
	"slices"
)

// site is what a site — the customer portal or the back office — has on
// the shell: its own mux and routes, and its own frame of a page, so that
// the shell's error pages (404, 405, 500, a refused cross-site form) come
// in the site's layout. A site's handler is its middleware chain around
// its mux; the shell mounts it under its prefix.
type site struct {
	*Server
	mux *http.ServeMux
	// patterns are the routes registered on mux, in order (routeTable);
	// fallbacks the catch-alls and mounts among them.
	patterns, fallbacks []string
	// frame fills the BasePage of the site's pages for a request.
	frame func(r *http.Request, title string) BasePage
}

// newSite is a site on the shell with a mux of its own, whose pages are
// framed by frame.
func (s *Server) newSite(frame func(r *http.Request, title string) BasePage) site {
	return site{Server: s, mux: http.NewServeMux(), frame: frame}
}

// protect is the shell's guard in front of every site, outermost first:
// panic recovery, the cross-origin check (CSRF) and the input check, each
// answering with the site's own error page. It sits inside the request
// log and metrics, so a recovered panic or a refused form is still
// logged and counted, and before any visitor's session is looked up, so
// a refused cross-site post or bad bytes cost no database read.
func (s *site) protect(h http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(s.handle(s.handleCrossOriginDenied))
	return recoverPanics(s.log, s.renderPanic)(cop.Handler(s.checkInput(h)))
}

// takes reports whether a route of the site, not a catch-all, takes r.
func (s *site) takes(r *http.Request) bool {
	_, pattern := s.mux.Handler(r)
	return pattern != "" && !slices.Contains(s.fallbacks, pattern)
}
