package spec

import (
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// databaseURL expands the ${NAME} variables of the database URL in n and
// remembers, for Database, every variable that is not set (or empty) with
// its position in assay.yaml: an empty expansion would otherwise surface
// far away as "unsupported URL scheme".
func (l *loader) databaseURL(p *Project, name string, n *yaml.Node) string {
	at := l.span(n)
	start, exact := l.exactText(n)
	for _, m := range envRE.FindAllStringSubmatchIndex(n.Value, -1) {
		v := n.Value[m[2]:m[3]]
		if os.Getenv(v) != "" {
			continue
		}
		pos := at
		if exact {
			pos = Span{File: l.file, Start: start + m[0], End: start + m[1]}
		}
		line, col := l.file.Position(pos.Start)
		if p.unsetEnv == nil {
			p.unsetEnv = map[string]string{}
		}
		p.unsetEnv[name] = fmt.Sprintf("%s:%d:%d: the environment variable %s in the URL of database %q is not set (or empty)", l.file.Name, line, col, v, name)
		break
	}
	return expandEnv(n.Value)
}

// checkDatabase reports a database that names an unset environment
// variable, or a server URL that does not parse, saying which part is
// wrong and never repeating the URL (it may hold a password).
func (p *Project) checkDatabase(name, u string) error {
	if msg, ok := p.unsetEnv[name]; ok && name != "" {
		return fmt.Errorf("%s", msg)
	}
	scheme, _, _ := strings.Cut(u, "://")
	switch scheme {
	case "postgres", "postgresql", "mysql":
	default:
		return nil
	}
	if part := badURLPart(u); part != "" {
		what := "the database URL"
		if name != "" {
			what = fmt.Sprintf("the URL of database %q", name)
		}
		return fmt.Errorf("%s does not parse: %s", what, part)
	}
	return nil
}

// badURLPart names what is wrong with a server URL, or returns "".
func badURLPart(raw string) string {
	if strings.ContainsFunc(raw, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return "it holds a control character (a line break or tab?)"
	}
	_, rest, _ := strings.Cut(raw, "://")
	authority, tail := rest, ""
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		authority, tail = rest[:i], rest[i:]
	}
	host := authority
	if i := strings.LastIndex(authority, "@"); i >= 0 {
		if msg := badEscape(authority[:i]); msg != "" {
			return "the user name or password " + msg
		}
		host = authority[i+1:]
	}
	u, err := url.Parse(raw)
	if err != nil {
		return parseFailure(err.Error(), host, tail)
	}
	if port := u.Port(); port != "" {
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			return "the port is not between 1 and 65535"
		}
	}
	if strings.Contains(raw, "#") {
		return "it holds a '#', which ends the URL there: in a password write it as %23"
	}
	if _, err := url.ParseQuery(u.RawQuery); err != nil {
		return "the options after '?' " + badEscape(u.RawQuery)
	}
	return ""
}

// parseFailure turns an error of url.Parse into the part it is about,
// without quoting any of the URL.
func parseFailure(msg, host, tail string) string {
	const encode = " (in a password, percent-encode / ? # @ : as %2F %3F %23 %40 %3A)"
	switch {
	case strings.Contains(msg, "invalid userinfo"):
		return "the user name or password holds a character that must be percent-encoded" + encode
	case strings.Contains(msg, "invalid port"):
		return "the port after the host is not a number" + encode
	case strings.Contains(msg, "missing ']'"):
		return "the host's [IPv6 address] is not closed with ']'"
	case strings.Contains(msg, "in host name"), badEscape(host) != "":
		return "the host name holds a character a host name cannot have" + encode
	case strings.Contains(msg, "invalid URL escape") && badEscape(tail) != "":
		return "the database name or options " + badEscape(tail)
	}
	return "it is not a URL of the form scheme://user:password@host:port/database?options" + encode
}

// badEscape describes a '%' in s not followed by two hexadecimal digits.
func badEscape(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && (i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2])) {
			return "has a '%' not followed by two hexadecimal digits (write %25 for a percent sign)"
		}
	}
	return ""
}

func isHex(c byte) bool { return isDigit(c) || (c|0x20 >= 'a' && c|0x20 <= 'f') }
