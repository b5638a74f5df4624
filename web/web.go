// Package web is Pingyi's server-rendered site: the page handlers, in
// files named by audience and action (admin_*, form_*, review_*, phone_*,
// public_*), beside the html/template files and static assets they render,
// embedded in the binary, in Chinese or English. Pages work without
// JavaScript and on a 360 px wide phone. The JSON API is in api/; what
// both borrow (router, sign-in, errors, parsers) is in httpx.
package web

import (
	"embed"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/http"

	"pingyi/i18n"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// Static serves the stylesheet and other assets.
func Static() http.FileSystem {
	sub, _ := fs.Sub(staticFiles, "static")
	return http.FS(sub)
}

// pages maps each page to the templates it is built from, after the layout.
// Listing them here (rather than parsing a glob) makes a missing or unused
// template a test failure instead of a surprise in production.
var pages = map[string][]string{
	"error":              {"error"},
	"confirm":            {"confirm"},
	"home":               {"home", "draw_commitment"},
	"public_draw":        {"public_draw", "draw_commitment"},
	"login":              {"login"},
	"password":           {"password"},
	"admin_home":         {"admin_home", "admin_nav"},
	"admin_campaign":     {"admin_campaign", "admin_nav", "campaign_tree", "campaign_collection", "public_url_warning"},
	"admin_users":        {"admin_users", "admin_nav"},
	"admin_campaign_new": {"admin_campaign_new", "admin_nav", "problems"},
	"admin_invitations":  {"admin_invitations", "admin_nav", "problems"},
	"admin_import":       {"admin_import", "admin_nav", "problems"},
	"invitation_sheet":   {"invitation_sheet", "public_url_warning"},
	"campaign_poster":    {"campaign_poster", "public_url_warning"},
	"paper_form":         {"paper_form"},
	"form_intro":         {"form_intro", "form_problems"},
	"form_verify":        {"form_verify", "form_problems"},
	"form_page":          {"form_page", "form_progress", "form_problems"},
	"form_screen":        {"form_screen", "form_problems"},
	"form_review":        {"form_review", "form_problems"},
	"form_done":          {"form_done"},
	"form_notice":        {"form_notice"},
	"review_console":     {"review_console", "review_nav", "index_cells"},
	"review_flags":       {"review_flags", "review_nav", "exclude_form"},
	"review_exclusions":  {"review_exclusions", "review_nav"},
	"review_settings":    {"review_settings", "review_nav"},
	"review_unit":        {"review_unit", "review_nav", "unit_detail", "comment_work"},
	"liaison_unit":       {"liaison_unit", "unit_detail", "comment_work"},
	"public_ranking":     {"public_ranking", "method", "index_cells"},
	"phone_admin":        {"phone_admin", "admin_nav", "draw_record", "skipped"},
	"phone_report":       {"phone_report", "admin_nav", "skipped"},
	"phone_progress":     {"phone_progress", "admin_nav", "draw_record", "rates_table"},
	"phone_console":      {"phone_console"},
	"sample_size":        {"sample_size", "admin_nav"},
	// Rectification (整改): the committee's, the liaison's, the public's.
	"rectification_overview":     {"rectification_overview", "review_nav", "rect_ended"},
	"rectification_proposals":    {"rectification_proposals", "review_nav", "rect_deadline"},
	"rectification_new":          {"rectification_new", "review_nav", "rect_deadline"},
	"rectification_task":         {"rectification_task", "review_nav", "rect_facts", "rect_steps"},
	"comment_received":           {"comment_received"},
	"liaison_tasks":              {"liaison_tasks"},
	"liaison_task":               {"liaison_task", "rect_facts", "rect_steps"},
	"public_rectification":       {"public_rectification", "rect_public_units", "rect_ended"},
	"public_rectification_print": {"public_rectification_print", "rect_public_units"},
	// Appeals: the public side.
	"public_appeal":          {"public_appeal"},
	"public_appeal_received": {"public_appeal_received"},
	"q":                      {"q", "q_case"},
	"appeal_rates":           {"appeal_rates"},
}

// Renderer renders pages. Each page is parsed once per language, with the
// translation function bound to that language.
type Renderer struct {
	sets map[i18n.Lang]map[string]*template.Template
}

// NewRenderer parses every page for every language.
func NewRenderer() (*Renderer, error) {
	r := &Renderer{sets: map[i18n.Lang]map[string]*template.Template{}}
	for _, lang := range []i18n.Lang{i18n.ZH, i18n.EN} {
		r.sets[lang] = map[string]*template.Template{}
		for page, parts := range pages {
			files := []string{"templates/layout.html"}
			for _, p := range parts {
				files = append(files, "templates/"+p+".html")
			}
			t, err := template.New("layout.html").Funcs(funcs(lang)).ParseFS(templateFiles, files...)
			if err != nil {
				return nil, fmt.Errorf("page %s: %w", page, err)
			}
			r.sets[lang][page] = t
		}
	}
	return r, nil
}

// Render writes a page. data is available to templates as .
func (r *Renderer) Render(w io.Writer, lang i18n.Lang, page string, data any) error {
	t, ok := r.sets[lang][page]
	if !ok {
		t, ok = r.sets[i18n.Default][page]
	}
	if !ok {
		return fmt.Errorf("no page %q", page)
	}
	return t.ExecuteTemplate(w, "layout.html", data)
}
