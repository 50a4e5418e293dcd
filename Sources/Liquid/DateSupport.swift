import Foundation

/// Calendar fields of a `LiquidDate` in its own offset.
struct DateFields {
    var year, month, day, hour, minute, second, nanosecond, weekday, yearDay: Int

    init(_ date: LiquidDate) {
        if let fields = DateFields(wholeSeconds: date) { self = fields; return }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: date.utcOffset) ?? TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .nanosecond, .weekday], from: date.instant)
        year = c.year ?? 1970; month = c.month ?? 1; day = c.day ?? 1
        hour = c.hour ?? 0; minute = c.minute ?? 0; second = c.second ?? 0
        nanosecond = c.nanosecond ?? 0
        weekday = (c.weekday ?? 1) - 1
        yearDay = calendar.ordinality(of: .day, in: .year, for: date.instant) ?? 1
    }
}

extension DateFields {
    /// The fields by arithmetic on days (Howard Hinnant's `civil_from_days`), for the dates
    /// every post has: whole seconds, years 1600 to 9999 (the proleptic Gregorian calendar
    /// and Foundation's, which turns Julian before 1582, agree there), an offset in whole
    /// minutes that `TimeZone(secondsFromGMT:)` accepts. A Foundation `Calendar` per date
    /// was a quarter of the `date` filter's cost. Nil for anything else (the Calendar path).
    init?(wholeSeconds date: LiquidDate) {
        let interval = date.instant.timeIntervalSince1970
        guard interval.rounded(.down) == interval, abs(interval) < 1e12,
              date.utcOffset % 60 == 0, abs(date.utcOffset) <= 18 * 3600 else { return nil }
        let local = Int(interval) + date.utcOffset
        let days = local >= 0 ? local / 86_400 : -((-local + 86_399) / 86_400)
        let seconds = local - days * 86_400
        let (year, month, day) = DateFields.civil(fromDays: days)
        guard (1600...9999).contains(year) else { return nil }
        self.year = year; self.month = month; self.day = day
        hour = seconds / 3600; minute = seconds % 3600 / 60; second = seconds % 60
        nanosecond = 0
        // 1970-01-01 was a Thursday (4, counting from Sunday).
        weekday = ((days % 7) + 7 + 4) % 7
        yearDay = days - DateFields.days(fromCivilYear: year, month: 1, day: 1) + 1
    }

    /// Year, month and day of a count of days since 1970-01-01 (proleptic Gregorian).
    static func civil(fromDays count: Int) -> (Int, Int, Int) {
        let z = count + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func days(fromCivilYear year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

private let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
private let dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

extension LiquidDate {
    /// Ruby's `Time#to_s`.
    var rubyString: String { strftime(isUTC ? "%Y-%m-%d %H:%M:%S UTC" : "%Y-%m-%d %H:%M:%S %z") }

    /// Ruby's `Time#strftime` for formats Strata writes itself (no widths, so never out of range).
    func strftime(_ format: String) -> String { checkedStrftime(format) ?? "" }

    /// Ruby's `Time#strftime`, with the `-`, `_`, `0`, `^`, `#` flags, widths and `%:z`; nil where Ruby
    /// raises `Errno::ERANGE` (the `date` filter then fails as Liquid's does).
    ///
    /// Widths follow Ruby 3.1's strftime.c: a width that does not fit a C `int` leaves the conversion
    /// as literal text; a result that outgrows Ruby's buffer (512 KiB per byte of the format) is
    /// ERANGE. Strata also stops at 64 MiB, its render length limit, so that a long format of huge
    /// widths cannot allocate gigabytes (found by fuzzing: `%0000…447798802s`).
    func checkedStrftime(_ format: String) -> String? {
        let limit = min(max(1, format.utf8.count) * 512 * 1024, ResourceLimits.defaultRenderLength)
        let f = DateFields(self)
        var out = ""
        var chars = Array(format)[...]
        while let c = chars.popFirst() {
            guard c == "%" else { out.append(c); continue }
            var flags = Set<Character>()
            while let n = chars.first, n == "-" || n == "_" || n == "0" || n == "^" || n == "#" { flags.insert(n); chars.removeFirst() }
            var widthText = ""
            while let n = chars.first, n.isASCII, n.isNumber { widthText.append(n); chars.removeFirst() }
            var colons = 0
            while chars.first == ":" { colons += 1; chars.removeFirst() }
            guard let conv = chars.popFirst() else { out += "%"; break }
            var width: Int? = nil
            if !widthText.isEmpty {
                guard let parsed = Int(widthText), parsed <= Int(Int32.max) else {
                    out += "%" + flags.map(String.init).joined() + widthText + String(repeating: ":", count: colons) + String(conv)
                    continue
                }
                guard out.utf8.count + parsed < limit else { return nil }
                width = parsed
            }
            // Composite conversions (%F, %c…) are padded whole, with spaces unless `0` is given,
            // and take the case flags, as Ruby pads them.
            func whole(_ s: String) -> String {
                var s = s
                if flags.contains("^") { s = s.uppercased() }
                if let width, s.count < width {
                    s = String(repeating: flags.contains("0") ? "0" : " ", count: width - s.count) + s
                }
                return s
            }
            func num(_ v: Int, _ w: Int, _ pad: Character = "0") -> String {
                var s = String(abs(v))
                let padChar: Character = flags.contains("_") ? " " : (flags.contains("0") ? "0" : pad)
                let target = width ?? w
                if !flags.contains("-") && s.count < target { s = String(repeating: padChar, count: target - s.count - (v < 0 ? 1 : 0)) + s }
                return (v < 0 ? "-" : "") + s
            }
            func text(_ s: String) -> String {
                var s = s
                if flags.contains("^") || (flags.contains("#") && s.contains(where: { $0.isLowercase })) { s = s.uppercased() }
                else if flags.contains("#") { s = s.lowercased() }
                if let width, s.count < width, !flags.contains("-") {
                    s = String(repeating: flags.contains("0") ? "0" : " ", count: width - s.count) + s
                }
                return s
            }
            let hour12 = f.hour % 12 == 0 ? 12 : f.hour % 12
            // By the conversion's byte: matching a `Character` against each case compared
            // strings, most of this function's cost. A conversion of more than one byte
            // (a non-ASCII letter) matches no case, as before.
            let convByte: UInt8 = conv.utf8.count == 1 ? conv.utf8.first! : 0
            switch convByte {
            // Ruby pads the year's digits to four (`0021`, `-0005`).
            case UInt8(ascii: "Y"): out += num(f.year, f.year < 0 ? 5 : 4)
            case UInt8(ascii: "C"): out += num(f.year / 100, 2)
            case UInt8(ascii: "y"): out += num(f.year % 100, 2)
            case UInt8(ascii: "m"): out += num(f.month, 2)
            case UInt8(ascii: "B"): out += text(monthNames[f.month - 1])
            case UInt8(ascii: "b"), UInt8(ascii: "h"): out += text(String(monthNames[f.month - 1].prefix(3)))
            case UInt8(ascii: "d"): out += num(f.day, 2)
            case UInt8(ascii: "e"): out += num(f.day, 2, " ")
            case UInt8(ascii: "j"): out += num(f.yearDay, 3)
            case UInt8(ascii: "H"): out += num(f.hour, 2)
            case UInt8(ascii: "k"): out += num(f.hour, 2, " ")
            case UInt8(ascii: "I"): out += num(hour12, 2)
            case UInt8(ascii: "l"): out += num(hour12, 2, " ")
            case UInt8(ascii: "P"): out += text(f.hour < 12 ? "am" : "pm")
            case UInt8(ascii: "p"): out += flags.contains("#") ? (f.hour < 12 ? "am" : "pm") : text(f.hour < 12 ? "AM" : "PM")
            case UInt8(ascii: "M"): out += num(f.minute, 2)
            case UInt8(ascii: "S"): out += num(f.second, 2)
            case UInt8(ascii: "L"):
                let digits = width ?? 3
                out += String(String(format: "%09d", f.nanosecond).padding(toLength: max(digits, 9), withPad: "0", startingAt: 0).prefix(digits))
            case UInt8(ascii: "N"):
                let digits = width ?? 9
                out += String(String(format: "%09d", f.nanosecond).padding(toLength: max(digits, 9), withPad: "0", startingAt: 0).prefix(digits))
            case UInt8(ascii: "z"):
                let sign = utcOffset < 0 ? "-" : "+"
                let h = abs(utcOffset) / 3600, m = abs(utcOffset) % 3600 / 60, s = abs(utcOffset) % 60
                // `%02d` of a count that is never negative, without a format string per date
                // (every post's SEO tag and feed entry writes `date_to_xmlschema`).
                func twoDigits(_ value: Int) -> String { value < 10 ? "0" + String(value) : String(value) }
                let hh = twoDigits(h), mm = twoDigits(m)
                switch colons {
                case 1: out += sign + hh + ":" + mm
                case 2: out += sign + hh + ":" + mm + ":" + twoDigits(s)
                default: out += sign + hh + mm
                }
            case UInt8(ascii: "Z"): out += text(zoneName ?? "")
            case UInt8(ascii: "A"): out += text(dayNames[f.weekday])
            case UInt8(ascii: "a"): out += text(String(dayNames[f.weekday].prefix(3)))
            case UInt8(ascii: "u"): out += num(f.weekday == 0 ? 7 : f.weekday, 1)
            case UInt8(ascii: "w"): out += num(f.weekday, 1)
            case UInt8(ascii: "U"): out += num((f.yearDay + 6 - f.weekday) / 7, 2)
            case UInt8(ascii: "W"): out += num((f.yearDay + 6 - (f.weekday + 6) % 7) / 7, 2)
            case UInt8(ascii: "G"), UInt8(ascii: "g"), UInt8(ascii: "V"):
                var cal = Calendar(identifier: .iso8601)
                cal.timeZone = TimeZone(secondsFromGMT: utcOffset) ?? cal.timeZone
                let c = cal.dateComponents([.weekOfYear, .yearForWeekOfYear], from: instant)
                if conv == "V" { out += num(c.weekOfYear ?? 1, 2) }
                else if conv == "G" { out += num(c.yearForWeekOfYear ?? f.year, 1) }
                else { out += num((c.yearForWeekOfYear ?? f.year) % 100, 2) }
            case UInt8(ascii: "s"): out += num(Int(instant.timeIntervalSince1970.rounded(.down)), 1)
            case UInt8(ascii: "F"): out += whole(strftime("%Y-%m-%d"))
            case UInt8(ascii: "D"), UInt8(ascii: "x"): out += whole(strftime("%m/%d/%y"))
            case UInt8(ascii: "T"), UInt8(ascii: "X"): out += whole(strftime("%H:%M:%S"))
            case UInt8(ascii: "R"): out += whole(strftime("%H:%M"))
            case UInt8(ascii: "r"): out += whole(strftime("%I:%M:%S %p"))
            case UInt8(ascii: "c"): out += whole(strftime("%a %b %e %H:%M:%S %Y"))
            case UInt8(ascii: "v"): out += whole(strftime("%e-%^b-%Y"))
            case UInt8(ascii: "+"): out += whole(strftime("%a %b %e %H:%M:%S %Z %Y"))
            case UInt8(ascii: "n"): out += "\n"
            case UInt8(ascii: "t"): out += "\t"
            case UInt8(ascii: "%"): out += whole("%")
            default: out += "%" + flags.map(String.init).joined() + widthText + String(repeating: ":", count: colons) + String(conv)
            }
        }
        return out
    }
}

/// Turns a filter input into a time the way Liquid's `Utils.to_date` does; nil when it is not one.
func liquidDate(from value: Value, timeZone: TimeZone, now: Date = Date()) -> LiquidDate? {
    switch value {
    case .date(let d): return d
    case .int(let i): return LiquidDate(instant: Date(timeIntervalSince1970: TimeInterval(i)), timeZone: timeZone)
    case .string(let raw):
        let s = raw.lowercased()
        if s.isEmpty { return nil }
        if s == "now" || s == "today" { return LiquidDate(instant: now, timeZone: timeZone) }
        if s.allSatisfy({ $0.isASCII && $0.isNumber }) {
            return Int(s).map { LiquidDate(instant: Date(timeIntervalSince1970: TimeInterval($0)), timeZone: timeZone) }
        }
        return parseDateString(raw, timeZone: timeZone)
    default: return nil
    }
}

/// The date-reading patterns, compiled once (immutable, and safe to share between threads).
private enum DatePatterns {
    static let time = #"(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(am|pm)?"#
    static let zoneAfterTime = #"^\s*(z\b|utc\b|gmt\b|[+-]\d{2}:?\d{2}\b)"#
    static let zoneAtEnd = #"\s(z|utc|gmt|[+-]\d{2}:?\d{2})\s*$"#
    static let isoDate = #"(\d{4})-(\d{1,2})-(\d{1,2})(?:t|\b)"#
    static let slashDate = #"(\d{4})/(\d{1,2})/(\d{1,2})\b"#
    static let monthName = #"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"#
    static let year = #"\b(\d{4})\b"#
    static let day = #"\b(\d{1,2})(?:st|nd|rd|th)?\b"#
    static let dayMonthYear = #"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"#
    static let weekday = #"\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*,?"#
    static let compiled: [String: NSRegularExpression] = {
        var table: [String: NSRegularExpression] = [:]
        for p in [time, zoneAfterTime, zoneAtEnd, isoDate, slashDate, monthName, year, day, dayMonthYear, weekday] {
            table[p] = try? NSRegularExpression(pattern: p, options: [.caseInsensitive])
        }
        return table
    }()
}

/// A practical subset of Ruby's `Time.parse`: ISO 8601 and `YYYY/MM/DD`, RFC 2822, and English month-name forms,
/// each with an optional time and zone (`Z`, `UTC`, `GMT`, `±hh:mm`, `±hhmm`).
func parseDateString(_ text: String, timeZone: TimeZone) -> LiquidDate? {
    var year: Int?, month: Int?, day: Int?
    var hour = 0, minute = 0, second = 0, nanos = 0
    var offset: Int? = nil
    var utc = false
    var rest = text.trimmingCharacters(in: .whitespacesAndNewlines)

    func take(_ pattern: String) -> [String]? {
        guard let re = DatePatterns.compiled[pattern] else { return nil }
        let ns = rest as NSString
        guard let m = re.firstMatch(in: rest, range: NSRange(location: 0, length: ns.length)) else { return nil }
        let groups = (0..<m.numberOfRanges).map { i -> String in
            let r = m.range(at: i)
            return r.location == NSNotFound ? "" : ns.substring(with: r)
        }
        rest = ns.replacingCharacters(in: m.range, with: " ")
        return groups
    }

    if let g = take(DatePatterns.time) {
        hour = Int(g[1]) ?? 0; minute = Int(g[2]) ?? 0; second = Int(g[3]) ?? 0
        if !g[4].isEmpty { nanos = Int(String((g[4] + "000000000").prefix(9))) ?? 0 }
        if g[5].lowercased() == "pm", hour < 12 { hour += 12 }
        if g[5].lowercased() == "am", hour == 12 { hour = 0 }
        if let z = take(DatePatterns.zoneAfterTime) ?? take(DatePatterns.zoneAtEnd) {
            let zone = z[1].lowercased()
            if zone == "z" || zone == "utc" || zone == "gmt" { utc = true; offset = 0 } else {
                let digits = zone.filter { $0.isNumber }
                let h = Int(digits.prefix(2)) ?? 0, m = Int(digits.suffix(2)) ?? 0
                offset = (zone.hasPrefix("-") ? -1 : 1) * (h * 3600 + m * 60)
            }
        }
    }
    if let g = take(DatePatterns.isoDate) ?? take(DatePatterns.slashDate) {
        year = Int(g[1]); month = Int(g[2]); day = Int(g[3])
    } else {
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        if let g = take(DatePatterns.monthName) {
            month = (months.firstIndex(of: g[1].lowercased()) ?? 0) + 1
            if let y = take(DatePatterns.year) { year = Int(y[1]) }
            if let d = take(DatePatterns.day) { day = Int(d[1]) }
        } else if let g = take(DatePatterns.dayMonthYear) {
            // Ruby reads dd/mm/yyyy.
            day = Int(g[1]); month = Int(g[2]); year = Int(g[3])
        }
    }
    _ = take(DatePatterns.weekday)
    guard let y = year, let mo = month, (1...12).contains(mo) else { return nil }
    let d = day ?? 1
    guard (1...31).contains(d), hour < 24, minute < 60, second < 61 else { return nil }
    guard rest.trimmingCharacters(in: CharacterSet(charactersIn: " ,")).isEmpty else { return nil }
    var calendar = Calendar(identifier: .gregorian)
    let zone = offset.flatMap { TimeZone(secondsFromGMT: $0) } ?? timeZone
    calendar.timeZone = zone
    var comps = DateComponents(year: y, month: mo, day: d, hour: hour, minute: minute, second: second, nanosecond: nanos)
    comps.timeZone = zone
    guard let date = calendar.date(from: comps) else { return nil }
    if utc { return LiquidDate(instant: date, utcOffset: 0, zoneName: "UTC", isUTC: true) }
    if let offset { return LiquidDate(instant: date, utcOffset: offset, zoneName: nil) }
    return LiquidDate(instant: date, timeZone: timeZone)
}
