package emrdata

import (
	"math/rand/v2"
	"time"
)

// Age groups of patients, used to pick services.
const (
	ageChild  = iota // under 18 in 2024
	ageAdult         // 18 to 64
	ageSenior        // 65 and over
	ageGroups
)

// service is one row of services plus how visits use it.
type service struct {
	id        int32
	code      string
	name      string
	category  string
	price     int64 // cents
	minutes   [2]int
	weights   [ageGroups]int // relative frequency per age group
	clinician string         // the role that sees the patient
}

// Walk-ins are visits without a booked service (services.id is NULL).
const (
	walkInFee       = 4500 // cents, charged for a completed walk-in
	walkInMinMinute = 10
	walkInMaxMinute = 20
)

// serviceList is the fixed service catalogue.
var serviceList = []service{
	{code: "GP-CONS", name: "General consultation", category: "consultation", price: 9500, minutes: [2]int{12, 25}, weights: [3]int{30, 40, 30}, clinician: rolePhysician},
	{code: "GP-LONG", name: "Extended consultation", category: "consultation", price: 16000, minutes: [2]int{30, 50}, weights: [3]int{3, 8, 12}, clinician: rolePhysician},
	{code: "GP-FU", name: "Follow-up visit", category: "consultation", price: 7000, minutes: [2]int{10, 20}, weights: [3]int{8, 14, 18}, clinician: rolePhysician},
	{code: "PED-WELL", name: "Well-child check", category: "preventive", price: 11000, minutes: [2]int{20, 35}, weights: [3]int{25, 0, 0}, clinician: rolePhysician},
	{code: "PREV-ANN", name: "Annual physical", category: "preventive", price: 18500, minutes: [2]int{30, 45}, weights: [3]int{0, 6, 8}, clinician: rolePhysician},
	{code: "VAC-FLU", name: "Flu vaccination", category: "vaccination", price: 3500, minutes: [2]int{5, 10}, weights: [3]int{6, 5, 8}, clinician: roleNurse},
	{code: "VAC-TDAP", name: "Tdap vaccination", category: "vaccination", price: 5500, minutes: [2]int{5, 10}, weights: [3]int{6, 2, 1}, clinician: roleNurse},
	{code: "LAB-BLD", name: "Blood panel", category: "lab", price: 4850, minutes: [2]int{8, 15}, weights: [3]int{2, 10, 14}, clinician: roleNurse},
	{code: "LAB-UA", name: "Urinalysis", category: "lab", price: 2275, minutes: [2]int{5, 10}, weights: [3]int{2, 4, 6}, clinician: roleNurse},
	{code: "IMG-XR", name: "X-ray", category: "imaging", price: 13500, minutes: [2]int{15, 25}, weights: [3]int{4, 4, 5}, clinician: rolePhysician},
	{code: "PROC-SUT", name: "Laceration repair", category: "procedure", price: 24000, minutes: [2]int{25, 45}, weights: [3]int{4, 2, 1}, clinician: rolePhysician},
	{code: "PROC-WND", name: "Wound care", category: "procedure", price: 8500, minutes: [2]int{15, 30}, weights: [3]int{2, 3, 6}, clinician: roleNurse},
	{code: "CHR-DIAB", name: "Diabetes management", category: "chronic_care", price: 12000, minutes: [2]int{20, 30}, weights: [3]int{0, 5, 12}, clinician: rolePhysician},
	{code: "CHR-HTN", name: "Hypertension review", category: "chronic_care", price: 9000, minutes: [2]int{15, 25}, weights: [3]int{0, 6, 14}, clinician: rolePhysician},
	{code: "TEL-CONS", name: "Telehealth consultation", category: "telehealth", price: 6500, minutes: [2]int{10, 20}, weights: [3]int{3, 8, 4}, clinician: rolePhysician},
}

// fluSeason scales the flu vaccination weight by month, in tenths: the
// vaccination campaign runs from September to December.
var fluSeason = [13]int{0, 10, 6, 2, 1, 1, 1, 1, 1, 12, 30, 25, 15}

// serviceTable picks services by weight for one age group and month.
type serviceTable struct {
	cumulative [ageGroups][13][]int
}

// buildServices returns the service catalogue with ids assigned.
func buildServices() []service {
	list := make([]service, len(serviceList))
	copy(list, serviceList)
	for i := range list {
		list[i].id = int32(i + 1)
	}
	return list
}

// newServiceTable precomputes cumulative weights per age group and month.
func newServiceTable(services []service) *serviceTable {
	t := &serviceTable{}
	for g := range ageGroups {
		for m := 1; m <= 12; m++ {
			total := 0
			cum := make([]int, len(services))
			for i, s := range services {
				wt := s.weights[g] * 10
				if s.code == "VAC-FLU" {
					wt = s.weights[g] * fluSeason[m]
				}
				total += wt
				cum[i] = total
			}
			t.cumulative[g][m] = cum
		}
	}
	return t
}

// pick returns the index of a service drawn for the age group and month.
func (t *serviceTable) pick(r *rand.Rand, group int, m time.Month) int {
	cum := t.cumulative[group][m]
	return pickCumulative(cum, r.IntN(cum[len(cum)-1]))
}

// patient is one row of patients.
type patient struct {
	birthYear int32
	sex       string
	home      int32 // clinic id, or 0 for no home clinic
	group     int8  // age group
}

// patientsPerScale is the number of patients at scale 1.
const patientsPerScale = 18000

// addPatients creates the patients. Each gets a home clinic with a chance
// proportional to the clinic's size; about 3% have none.
func (w *world) addPatients() {
	r := newRand(w.seed, streamPatients, 0, 0)
	cum := make([]int, len(w.clinics))
	total := 0
	for i, c := range w.clinics {
		total += c.size
		cum[i] = total
	}
	n := patientsPerScale * w.scale
	w.patients = make([]patient, n)
	for i := range w.patients {
		p := newPatient(r)
		if !chance(r, 30) {
			ci := pickCumulative(cum, r.IntN(total))
			p.home = w.clinics[ci].id
			w.clinics[ci].patients = append(w.clinics[ci].patients, int32(i+1))
		}
		w.patients[i] = p
	}
}

func newPatient(r *rand.Rand) patient {
	var p patient
	switch x := r.IntN(100); {
	case x < 20:
		p.group, p.birthYear = ageChild, int32(2024-between(r, 0, 17))
	case x < 80:
		p.group, p.birthYear = ageAdult, int32(2024-between(r, 18, 64))
	default:
		p.group, p.birthYear = ageSenior, int32(2024-between(r, 65, 96))
	}
	switch x := r.IntN(1000); {
	case x < 510:
		p.sex = "F"
	case x < 990:
		p.sex = "M"
	default:
		p.sex = "X"
	}
	return p
}

// pickCumulative returns the first index whose cumulative weight exceeds x.
func pickCumulative(cum []int, x int) int {
	for i, c := range cum {
		if c > x {
			return i
		}
	}
	return len(cum) - 1
}
