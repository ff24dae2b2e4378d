package sms

// smsruFailure fills fail with an SMS.ru status code and its class.
//
// Temporary: 220 (service unavailable) and the limits that lift with time or
// money — 201 (balance), 206 (daily limit), 230–232 (per-number and
// identical-message limits); the caller's attempt limit bounds the retries.
// Everything else, unknown codes included, is about the request or the
// configuration and will fail again.
func smsruFailure(fail *Error, code int) *Error {
	fail.Code, fail.Meaning = code, smsruMeaning(code)
	switch code {
	case 201, 206, 220, 230, 231, 232:
		fail.Permanent = false
	default:
		fail.Permanent = true
	}
	return fail
}

// smsruMeaning names an SMS.ru status code (DOMAIN.md §6.1).
func smsruMeaning(code int) string {
	switch code {
	case 200:
		return "wrong api_id"
	case 201:
		return "not enough money"
	case 202:
		return "wrong recipient"
	case 203:
		return "no text"
	case 204:
		return "sender name not approved"
	case 205:
		return "message too long"
	case 206:
		return "daily limit exceeded"
	case 207:
		return "cannot send to this number"
	case 208:
		return "wrong time"
	case 209:
		return "number is in the stop list"
	case 210, 211:
		return "wrong method"
	case 212:
		return "text must be UTF-8"
	case 213, 214, 215, 216:
		return "recipient or text refused"
	case 220:
		return "service temporarily unavailable"
	case 230:
		return "daily limit for this number"
	case 231, 232:
		return "identical messages limit for this number"
	case 300, 301, 302:
		return "authorisation failed"
	}
	return "unknown code"
}
