package kabinet

import "time"

// Zoning is how many tariff zones a meter counts separately.
type Zoning int

// Zonings: single-rate; day/night; peak/half-peak/night.
const (
	ZoningSingle Zoning = 1
	ZoningTwo    Zoning = 2
	ZoningThree  Zoning = 3
)

// Zone names one register of a meter. On a two-zone meter T1 is day and T2 is
// night; on a three-zone meter T1 is peak, T2 night and T3 half-peak (the
// order of the household tariff order and of most meters' displays).
type Zone string

// Zones.
const (
	ZoneTotal    Zone = "T"
	ZoneDay      Zone = "T1"
	ZoneNight    Zone = "T2"
	ZonePeak     Zone = "T1"
	ZoneHalfPeak Zone = "T3"
)

// Zones returns the registers of a meter with this zoning, in display order.
func (z Zoning) Zones() []Zone {
	switch z {
	case ZoningTwo:
		return []Zone{ZoneDay, ZoneNight}
	case ZoningThree:
		return []Zone{ZonePeak, ZoneNight, ZoneHalfPeak}
	}
	return []Zone{ZoneTotal}
}

// ZoneTitle returns the Russian name of register i of a meter with zoning z.
func (z Zoning) ZoneTitle(i int) string {
	switch z {
	case ZoningTwo:
		return [...]string{"день", "ночь"}[i]
	case ZoningThree:
		return [...]string{"пик", "ночь", "полупик"}[i]
	}
	return "общая"
}

// Meter is a прибор учёта with its registers and its verification dates.
type Meter struct {
	ID           int64
	AccountID    int64
	SubAccountID int64
	Service      Service
	Model        string // «Тип», e.g. «Меркурий 201.5»
	Serial       string // «№»
	Zoning       Zoning
	// Digits and Decimals are the scale: digits before and after the point.
	Digits         int
	Decimals       int
	AccuracyClass  string // «1,0»
	Ratio          int    // transformation coefficient, 1 for direct meters
	Phases         int
	InstalledOn    time.Time
	VerifiedOn     time.Time
	NextVerifiedOn time.Time
	// Removed marks a meter the billing system took out of service: kept
	// with its readings, no longer read.
	Removed    bool
	ExternalID string // the billing system's ID (BEY-6)
}

// Capacity is the first value a register can no longer show: 10^Digits.
func (m *Meter) Capacity() int64 {
	c := int64(1)
	for range m.Digits {
		c *= 10
	}
	return c
}

// Turned returns what a register turned from prev to cur: cur − prev, or,
// when cur is below prev, the turn past the last digit (DOMAIN §2.4: a
// 5-digit register from 99950 to 00030 turned 80).
func (m *Meter) Turned(prev, cur int64) int64 {
	if cur < prev {
		return m.Capacity() - prev + cur
	}
	return cur - prev
}

// ReadingSource tells who took a reading.
type ReadingSource string

// Reading sources.
const (
	SourcePortal     ReadingSource = "portal"     // «Через Личный кабинет»
	SourceController ReadingSource = "controller" // «Контрольное»
	SourcePhone      ReadingSource = "phone"      // «От абонента (по телефону)»
	SourcePayment    ReadingSource = "payment"    // with a payment at a payment point
	SourceAutomatic  ReadingSource = "askue"      // automatic metering system
	SourceEstimated  ReadingSource = "estimated"  // average or norm, no real reading
)

// Title returns the source as the manual's history table shows it.
func (s ReadingSource) Title() string {
	return map[ReadingSource]string{
		SourcePortal: "Через Личный кабинет", SourceController: "Контрольное",
		SourcePhone: "От абонента (по телефону)", SourcePayment: "При оплате",
		SourceAutomatic: "Автоматизированная система", SourceEstimated: "Расчётное",
	}[s]
}

// ReadingStatus is where a reading is in processing.
type ReadingStatus string

// Reading statuses.
const (
	ReadingAccepted   ReadingStatus = "accepted"   // «Принято»
	ReadingCalculated ReadingStatus = "calculated" // «Рассчитано»: its period is closed
	ReadingRejected   ReadingStatus = "rejected"   // «Отклонено»
)

// Title returns the status as the manual shows it.
func (s ReadingStatus) Title() string {
	return map[ReadingStatus]string{ReadingAccepted: "Принято", ReadingCalculated: "Рассчитано", ReadingRejected: "Отклонено"}[s]
}

// Reading is one reading of all registers of a meter on a date. Values and
// Consumption are in whole units (kWh), one per register in Zoning.Zones
// order; the period is the billing month the reading counts for.
type Reading struct {
	ID          int64
	MeterID     int64
	TakenOn     time.Time
	Period      Period
	Values      []int64
	Consumption []int64
	Source      ReadingSource
	Status      ReadingStatus
	CreatedAt   time.Time
	// Session is the hash of the session that passed a portal reading: that
	// session may delete it until it ends (METER-5). "" for other sources.
	Session string
	// ExternalID is the billing system's ID of a reading it sent (BEY-6).
	ExternalID string
}

// ReadingFilter selects a meter's readings taken in [From, To]; zero bounds
// are open; Limit 0 means the store's default.
type ReadingFilter struct {
	MeterID  int64
	From, To time.Time
	Limit    int
}

// TotalConsumption sums the consumption over all registers.
func (r *Reading) TotalConsumption() int64 {
	var n int64
	for _, c := range r.Consumption {
		n += c
	}
	return n
}
