package emrdata

import "time"

// site is a clinic location: its name and region.
type site struct {
	name   string
	region string
}

// Region names.
const (
	regionMetro = "Metro"
	regionNorth = "North"
	regionSouth = "South"
	regionWest  = "West"
)

// sites lists clinic locations in the order clinics are opened. The first 12
// (scale 1) cover all four regions; larger scales add the rest, then repeat
// the list with a number suffix ("Aurora 2").
var sites = []site{
	{"Denver Central", regionMetro},
	{"Aurora", regionMetro},
	{"Lakewood", regionMetro},
	{"Westminster", regionMetro},
	{"Boulder", regionNorth},
	{"Fort Collins", regionNorth},
	{"Greeley", regionNorth},
	{"Colorado Springs", regionSouth},
	{"Pueblo", regionSouth},
	{"Grand Junction", regionWest},
	{"Durango", regionWest},
	{"Montrose", regionWest},
	{"Littleton", regionMetro},
	{"Longmont", regionNorth},
	{"Canon City", regionSouth},
	{"Glenwood Springs", regionWest},
	{"Arvada", regionMetro},
	{"Loveland", regionNorth},
	{"Trinidad", regionSouth},
	{"Steamboat Springs", regionWest},
	{"Parker", regionMetro},
	{"Sterling", regionNorth},
	{"Alamosa", regionSouth},
	{"Cortez", regionWest},
}

// newSiteOpenings are the opening days of clinics that open during the data
// period: every site at position 11 modulo 12 (Montrose at scale 1) opens on
// one of them, so the data has a clinic with no history before its opening.
var newSiteOpenings = []time.Time{
	time.Date(2024, time.September, 16, 0, 0, 0, 0, time.UTC),
	time.Date(2025, time.March, 3, 0, 0, 0, 0, time.UTC),
}

var firstNames = []string{
	"Ava", "Ben", "Carla", "Daniel", "Elena", "Farid", "Grace", "Hiro",
	"Isabel", "Jamal", "Kate", "Luis", "Maya", "Noah", "Olivia", "Pedro",
	"Quinn", "Rosa", "Samuel", "Tara", "Uma", "Victor", "Wen", "Xavier",
	"Yara", "Zane", "Amir", "Brooke", "Chen", "Diana", "Ethan", "Fatima",
	"Gabriel", "Hannah", "Ivan", "Julia", "Kwame", "Leah", "Marco", "Nadia",
}

var lastNames = []string{
	"Anderson", "Baker", "Castillo", "Dubois", "Edwards", "Fischer", "Garcia",
	"Huang", "Ibrahim", "Johnson", "Kowalski", "Lopez", "Martin", "Nguyen",
	"Okafor", "Patel", "Quintero", "Romero", "Schmidt", "Tanaka", "Ulrich",
	"Vargas", "Walker", "Xu", "Young", "Zimmerman", "Ahmed", "Bennett",
	"Chavez", "Diaz", "Evans", "Flores", "Gomez", "Hughes", "Iverson", "Jensen",
	"Kim", "Lee", "Morales", "Novak",
}
