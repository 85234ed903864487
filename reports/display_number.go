package reports

import "strconv"

// numberFormat is how a display output writes one numeric column: the
// style, the rounding and the decoration. It works on the exact decimal
// text of a value (the digits of an integer or a decimal, the shortest
// round-trip text of a float), so rounding is decimal rounding, half away
// from zero, and never a binary float artefact.
type numberFormat struct {
	// decimals is the number of fractional digits shown; with trim set it
	// is a maximum and trailing zeros are dropped.
	decimals int
	trim     bool
	// significant keeps this many significant digits of a value that would
	// round to zero at decimals (the float default: 0.00001234 stays
	// readable); 0 turns it off.
	significant int
	group       bool // thousands separators
	percent     bool // ×100 and a % sign
	prefix      string
	suffix      string
}

// currencySymbols are the en-US symbols of common currencies. A code not
// listed is written before the number, followed by a space: CHF 1,234.50.
var currencySymbols = map[string]string{
	"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "CN¥", "INR": "₹",
	"KRW": "₩", "CAD": "CA$", "AUD": "A$", "NZD": "NZ$", "MXN": "MX$",
	"BRL": "R$", "HKD": "HK$", "TWD": "NT$", "ILS": "₪", "VND": "₫",
	"PHP": "₱", "NGN": "₦", "THB": "฿", "UAH": "₴", "TRY": "₺", "RUB": "₽",
	"PLN": "zł ", "XAF": "FCFA ", "XOF": "F\u202fCFA ",
}

// zeroDecimalCurrencies have no minor unit in common use.
var zeroDecimalCurrencies = map[string]bool{"JPY": true, "KRW": true, "VND": true, "CLP": true, "ISK": true}

// currencyPrefix returns what goes before the digits of an amount in code.
func currencyPrefix(code string) string {
	if s, ok := currencySymbols[code]; ok {
		return s
	}
	return code + " "
}

// appendDecimalText appends the decimal text dec (an optional minus sign,
// digits, an optional point and digits) formatted by nf.
func (nf *numberFormat) appendDecimalText(buf, dec []byte) []byte {
	neg := len(dec) > 0 && dec[0] == '-'
	if neg {
		dec = dec[1:]
	}
	var digits [80]byte
	d := digitsOf(digits[:0], dec)
	if nf.percent {
		d.point += 2
		d.stripLeading()
	}
	decimals := nf.decimals
	if nf.significant > 0 {
		decimals = max(decimals, d.decimalsForSignificant(nf.significant))
	}
	d.round(decimals)
	d.stripLeading()
	if nf.trim {
		d.trimZeros(decimals)
	} else {
		d.padZeros(decimals)
	}
	if neg && !d.isZero() {
		buf = append(buf, '-')
	}
	buf = append(buf, nf.prefix...)
	buf = d.appendTo(buf, nf.group)
	if nf.percent {
		buf = append(buf, '%')
	}
	return append(buf, nf.suffix...)
}

// appendFloat appends f formatted by nf; NaN and the infinities read NaN,
// Infinity and -Infinity.
func (nf *numberFormat) appendFloat(buf []byte, f float64, bitSize int) []byte {
	if s, ok := nonFinite(f); ok {
		return append(buf, s...)
	}
	// Plain notation of very large or very small floats is long (up to
	// some 330 digits); append grows the scratch buffer when it must.
	var scratch [64]byte
	return nf.appendDecimalText(buf, strconv.AppendFloat(scratch[:0], f, 'f', -1, bitSize))
}

// decimalDigits is an unsigned decimal number as its digits and the
// position of the point: digits[:point] is the integer part. point may be
// past the end (trailing zeros implied) but is never negative.
type decimalDigits struct {
	digits []byte
	point  int
}

// digitsOf splits the unsigned decimal text dec into digits and a point,
// dropping leading zeros of the integer part.
func digitsOf(buf, dec []byte) decimalDigits {
	point := -1
	for _, c := range dec {
		if c == '.' {
			point = len(buf)
			continue
		}
		buf = append(buf, c)
	}
	if point < 0 {
		point = len(buf)
	}
	d := decimalDigits{digits: buf, point: point}
	d.stripLeading()
	return d
}

// stripLeading drops zeros before the first digit of the integer part.
func (d *decimalDigits) stripLeading() {
	for d.point > 0 {
		if len(d.digits) == 0 { // zero: no integer digits at all
			d.point = 0
			return
		}
		if d.digits[0] != '0' {
			return
		}
		d.digits = d.digits[1:]
		d.point--
	}
}

// decimalsForSignificant returns the fractional digits that keep n
// significant digits of a value below 1, or 0 for a value of 1 or more.
func (d *decimalDigits) decimalsForSignificant(n int) int {
	if d.point > 0 {
		return 0
	}
	for i, c := range d.digits {
		if c != '0' {
			return min(i+n, maxSignificantDecimals)
		}
	}
	return 0
}

// maxSignificantDecimals caps the decimals the significant-digit rule may
// show: a value below 1e-12 reads 0 by default.
const maxSignificantDecimals = 12

// round rounds to decimals fractional digits, half away from zero.
func (d *decimalDigits) round(decimals int) {
	keep := d.point + decimals
	if keep >= len(d.digits) {
		return
	}
	if keep < 0 {
		d.digits = d.digits[:0]
		return
	}
	up := d.digits[keep] >= '5'
	d.digits = d.digits[:keep]
	if !up {
		return
	}
	for i := keep - 1; i >= 0; i-- {
		if d.digits[i] < '9' {
			d.digits[i]++
			return
		}
		d.digits[i] = '0'
	}
	d.digits = append([]byte{'1'}, d.digits...)
	d.point++
}

// trimZeros drops fractional zeros at the end.
func (d *decimalDigits) trimZeros(int) {
	for len(d.digits) > d.point && d.digits[len(d.digits)-1] == '0' {
		d.digits = d.digits[:len(d.digits)-1]
	}
}

// padZeros appends fractional zeros up to decimals digits.
func (d *decimalDigits) padZeros(decimals int) {
	for len(d.digits) < d.point+decimals {
		d.digits = append(d.digits, '0')
	}
}

// isZero reports whether every digit is zero.
func (d *decimalDigits) isZero() bool {
	for _, c := range d.digits {
		if c != '0' {
			return false
		}
	}
	return true
}

// appendTo appends the number: the integer part (0 when empty), with
// commas every three digits when group is set, then the fraction.
func (d *decimalDigits) appendTo(buf []byte, group bool) []byte {
	n := d.point
	if n == 0 {
		buf = append(buf, '0')
	}
	for i := 0; i < n; i++ {
		if group && i > 0 && (n-i)%3 == 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, d.digitAt(i))
	}
	if len(d.digits) > d.point {
		buf = append(buf, '.')
		buf = append(buf, d.digits[d.point:]...)
	}
	return buf
}

// digitAt is digit i of the integer part, '0' past the stored digits.
func (d *decimalDigits) digitAt(i int) byte {
	if i < len(d.digits) {
		return d.digits[i]
	}
	return '0'
}
