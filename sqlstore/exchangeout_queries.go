package sqlstore

// journalAfter is the records of one kind ($1) stamped by exports in
// ($2, $3], once each.
const journalAfter = `(SELECT DISTINCT ref_id, account_id FROM exchange_journal
	WHERE kind = $1 AND batch > $2 AND batch <= $3) j
	LEFT JOIN accounts a ON a.id = j.account_id`

// exportQueries select each outgoing kind's records for ScanExport, the
// columns named as the kind's fields in package exchange.
var exportQueries = map[string]string{
	"portal_readings": `SELECT j.ref_id AS reading_id, a.display AS account_number, a.external_id AS account_id, m.serial AS meter_serial, m.external_id AS meter_id,
		m.service AS service, r.taken_on AS taken_on, r.period AS period,
		r.v1 AS value_t1, r.v2 AS value_t2, r.v3 AS value_t3,
		r.c1 AS consumption_t1, r.c2 AS consumption_t2, r.c3 AS consumption_t3,
		CASE WHEN r.id IS NULL THEN NULL ELSE 'portal' END AS channel, r.status AS status, r.created_at AS passed_at,
		r.id IS NULL AS deleted
		FROM ` + journalAfter + `
		LEFT JOIN readings r ON r.id = j.ref_id LEFT JOIN meters m ON m.id = r.meter_id
		ORDER BY j.ref_id`,

	"service_changes": serviceChangesQuery,
	"contact_changes": serviceChangesQuery,

	"consents": `SELECT c.id AS consent_id, a.display AS account_number, a.external_id AS account_id, c.user_id AS registration_id,
		c.purposes AS purposes, c.text_version AS text_version, c.given_at AS given_at, c.withdrawn_at AS withdrawn_at
		FROM ` + journalAfter + ` JOIN consents c ON c.id = j.ref_id
		ORDER BY j.ref_id`,

	"registrations": `SELECT j.ref_id AS registration_id, a.display AS account_number, a.external_id AS account_id, u.email AS email, u.phone AS phone,
		u.confirm_by AS confirm_by, u.created_at AS registered_at, u.confirmed_at AS confirmed_at,
		ua.user_id IS NULL AS deleted
		FROM ` + journalAfter + `
		LEFT JOIN user_accounts ua ON ua.user_id = j.ref_id AND ua.account_id = j.account_id AND ua.owner
		LEFT JOIN users u ON u.id = ua.user_id
		ORDER BY j.ref_id`,

	"requests": `SELECT q.id AS request_id, q.kind AS kind, q.created_at AS created_at,
		COALESCE(a.display, q.account_number) AS account_number, a.external_id AS account_id, q.full_name AS full_name, q.address AS address,
		q.phone AS phone, q.email AS email, q.answer_channel AS answer_channel, b.name AS branch,
		q.topic AS topic, q.service AS service, q.period_from AS period_from, q.period_to AS period_to,
		q.body AS text, q.deadline AS deadline,
		(SELECT COUNT(*) FROM request_attachments f WHERE f.request_id = q.id) AS attachments
		FROM ` + journalAfter + ` JOIN requests q ON q.id = j.ref_id
		LEFT JOIN branches b ON b.id = q.branch_id
		ORDER BY j.ref_id`,

	"request_attachments": `SELECT f.id AS attachment_id, f.request_id AS request_id, f.name AS name,
		f.content_type AS content_type, f.size AS size, f.created_at AS created_at
		FROM ` + journalAfter + ` JOIN request_attachments f ON f.id = j.ref_id
		ORDER BY j.ref_id`,

	// One record per provider's part of an order: payment_id is the
	// external ID of the ledger entry the credit posted.
	"card_payments": `SELECT 'card:' || o.number || ':' || CAST(s.id AS TEXT) AS payment_id, o.number AS order_number,
		o.gateway_id AS bank_order_id, a.display AS account_number, a.external_id AS account_id, p.code AS provider_code, s.number AS subaccount_number, s.external_id AS subaccount_id,
		pp.amount AS amount, (SELECT MIN(op.created_at) FROM payment_operations op WHERE op.order_id = o.id) AS paid_at
		FROM ` + journalAfter + ` JOIN payment_orders o ON o.id = j.ref_id
		JOIN payment_parts pp ON pp.order_id = o.id JOIN sub_accounts s ON s.id = pp.sub_account_id
		JOIN providers p ON p.id = s.provider_id
		ORDER BY j.ref_id, s.id`,

	"autopay_rules": `SELECT r.id AS rule_id, a.display AS account_number, a.external_id AS account_id, r.state AS state, r.mode AS mode,
		r.cap AS cap, r.day AS day, r.card AS card, r.created_at AS created_at, r.activated_at AS activated_at,
		r.updated_at AS changed_at, r.reason AS reason
		FROM ` + journalAfter + ` JOIN autopay_rules r ON r.id = j.ref_id
		ORDER BY j.ref_id`,
}

// serviceChangesQuery serves both service and contact changes: the
// journal's kind tells them apart.
const serviceChangesQuery = `SELECT c.id AS change_id, a.display AS account_number, a.external_id AS account_id, c.field AS field,
	c.old_value AS old_value, c.new_value AS new_value, c.changed_at AS changed_at, c.source AS source
	FROM ` + journalAfter + ` JOIN service_changes c ON c.id = j.ref_id
	ORDER BY j.ref_id`
