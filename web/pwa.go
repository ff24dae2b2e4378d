package web

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
)

// The installable app (UI-3): the manifest, the service worker and the
// page it shows offline. The pages stay server-rendered; pwa.js only adds
// the offer to install and keeps the last balances seen on «Главная».

// themeColor is the portal's primary blue, the logo's background.
const themeColor = "#0b5cad"

// appIcon is one icon of the manifest, a file under static/icons/.
type appIcon struct {
	file, sizes, purpose string
}

var manifestIcons = []appIcon{
	{"icons/icon-192.png", "192x192", "any"},
	{"icons/icon-512.png", "512x512", "any"},
	{"icons/icon-maskable-512.png", "512x512", "maskable"},
}

// offlinePath is the page the service worker keeps for a navigation that
// finds no network.
const offlinePath = "/offline"

// shellAssets are the static files the service worker keeps, so that the
// offline page looks like the portal and the app's icon shows.
var shellAssets = []string{"style.css", "home.css", "requests.css", "a11y.css", "favicon.svg", "logo.svg",
	"eye.svg", "pwa.js", "icons/icon-192.png"}

// handleManifest serves the web app manifest at a fixed URL: browsers
// know an installed app by it.
func (s *portalSite) handleManifest(w http.ResponseWriter, r *http.Request) error {
	type icon struct {
		Src     string `json:"src"`
		Sizes   string `json:"sizes"`
		Type    string `json:"type"`
		Purpose string `json:"purpose"`
	}
	m := struct {
		ID              string `json:"id"`
		Name            string `json:"name"`
		ShortName       string `json:"short_name"`
		Description     string `json:"description"`
		Lang            string `json:"lang"`
		Dir             string `json:"dir"`
		StartURL        string `json:"start_url"`
		Scope           string `json:"scope"`
		Display         string `json:"display"`
		ThemeColor      string `json:"theme_color"`
		BackgroundColor string `json:"background_color"`
		Icons           []icon `json:"icons"`
	}{ID: "/", Name: "Личный кабинет — " + s.cfg.SupplierName, ShortName: "Кабинет",
		Description: "Баланс, счета, показания счетчиков и оплата по лицевому счету",
		Lang:        "ru", Dir: "ltr", StartURL: "/", Scope: "/", Display: "standalone",
		ThemeColor: themeColor, BackgroundColor: "#ffffff"}
	for _, ic := range manifestIcons {
		src, err := s.assets.URL(ic.file)
		if err != nil {
			return err
		}
		m.Icons = append(m.Icons, icon{Src: src, Sizes: ic.sizes, Type: "image/png", Purpose: ic.purpose})
	}
	w.Header().Set("Content-Type", "application/manifest+json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	return json.NewEncoder(w).Encode(m)
}

// handleServiceWorker serves the service worker at the root, so that its
// scope is the whole portal and its registration outlives the assets'
// hashed URLs. The list of files to keep comes first: a new asset changes
// the worker's bytes, and the browser installs it afresh.
func (s *portalSite) handleServiceWorker(w http.ResponseWriter, r *http.Request) error {
	body, err := staticFS.ReadFile("static/sw.js")
	if err != nil {
		return err
	}
	shell := []string{offlinePath}
	for _, name := range shellAssets {
		u, err := s.assets.URL(name)
		if err != nil {
			return err
		}
		shell = append(shell, u)
	}
	list, err := json.Marshal(shell)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(append(list, body...))
	h := w.Header()
	h.Set("Content-Type", "text/javascript; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("Service-Worker-Allowed", "/")
	_, err = w.Write([]byte("const SHELL = " + string(list) + ";\nconst VERSION = \"" +
		hex.EncodeToString(sum[:6]) + "\";\nconst OFFLINE = \"" + offlinePath + "\";\n\n"))
	if err == nil {
		_, err = w.Write(body)
	}
	return err
}

// handleOffline is the page the service worker shows when the network is
// cut. It names nobody: the worker keeps one copy for whoever uses the
// browser; pwa.js fills in the balances kept on this device.
func (s *portalSite) handleOffline(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, http.StatusOK, "offline", &OfflinePage{BasePage: s.plainBase(r, "Нет связи")})
}

// OfflinePage is «Нет связи», the service worker's page without network.
type OfflinePage struct {
	BasePage
}
