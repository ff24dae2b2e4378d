// Package letters holds the words of the messages Kabinet writes to
// customers, one typed value per kind of message: the SMS codes, the
// notices of sign-in and of linked accounts, the autopay notices, the
// letters of requests and the reminders. A value says what the message
// is about; its methods give the subject, the text and the SMS, so a
// supplier who rewords a message edits this package alone, and the
// services only fill in the facts.
//
// The e-mails are rendered here too, from the embedded templates
// (templates/: the layout with the greeting and the signature, in text
// and HTML, and the two letters that carry a sign-in link), by Writer;
// package mail only sends them.
package letters

// Hotline is the supplier's telephone line the notices name.
const Hotline = "8-800-100-9777"
