package web

import "strings"

// deviceName names the browser and system of a user agent in plain
// Russian, «Chrome, Windows», for the list of devices signed in. Only the
// common browsers are told apart; the rest is «Другой браузер».
func deviceName(ua string) string {
	if strings.HasPrefix(ua, "Kabinet") {
		return "Приложение личного кабинета" + systemSuffix(ua)
	}
	browser := "Другой браузер"
	for _, b := range []struct{ token, name string }{
		{"YaBrowser/", "Яндекс Браузер"}, {"Edg/", "Microsoft Edge"}, {"OPR/", "Opera"},
		{"Firefox/", "Firefox"}, {"Chrome/", "Chrome"}, {"Chromium/", "Chromium"}, {"Safari/", "Safari"},
	} {
		if strings.Contains(ua, b.token) {
			browser = b.name
			break
		}
	}
	return browser + systemSuffix(ua)
}

// systemSuffix is «, Android» and the like, "" for a system not known.
func systemSuffix(ua string) string {
	for _, o := range []struct{ token, name string }{
		{"Android", "Android"}, {"iPhone", "iPhone"}, {"iPad", "iPad"}, {"Windows", "Windows"},
		{"Mac OS X", "macOS"}, {"CrOS", "ChromeOS"}, {"Linux", "Linux"},
	} {
		if strings.Contains(ua, o.token) {
			return ", " + o.name
		}
	}
	return ""
}
