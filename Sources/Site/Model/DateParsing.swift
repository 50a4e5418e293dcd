import Foundation

/// Reads the dates authors write in file names and front matter, in the site's zone
/// unless the text names its own offset.
enum DateParsing {
    /// Accepts `2021-03-07`, `2021-03-07 10:20`, `2021-03-07 10:20:30` (a year of two to
    /// four digits), with `T` or a space,
    /// optional fractional seconds, and an optional zone: `Z`, `+0100`, `+01:00`, or ` UTC`;
    /// text after the time that is not a zone is ignored, as Ruby's `Time.parse` ignores it.
    static func parse(_ text: String, timeZone: TimeZone) -> Date? {
        let scalars = Array(text.trimmingCharacters(in: .whitespaces).unicodeScalars)
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard index + digits <= scalars.count else { return nil }
            var value = 0
            for offset in 0..<digits {
                let scalar = scalars[index + offset]
                guard ("0"..."9").contains(scalar) else { return nil }
                value = value * 10 + Int(scalar.value - 48)
            }
            index += digits
            return value
        }
        // A month or day of one digit, as Ruby reads `2021-3-7`.
        func upToTwo() -> Int? {
            let two = index + 1 < scalars.count && ("0"..."9").contains(scalars[index + 1])
            return number(two ? 2 : 1)
        }
        func skip(_ character: Unicode.Scalar) -> Bool {
            guard index < scalars.count, scalars[index] == character else { return false }
            index += 1
            return true
        }
        // Ruby's `Time.parse`, which Jekyll reads text dates with, also takes a two- or
        // three-digit year (`21-03-07`); YAML's own timestamps always have four.
        var yearDigits = 0
        while index + yearDigits < scalars.count, yearDigits < 5, ("0"..."9").contains(scalars[index + yearDigits]) { yearDigits += 1 }
        guard (2...4).contains(yearDigits) else { return nil }
        let yearText = String(String.UnicodeScalarView(scalars[index..<(index + yearDigits)]))
        index += yearDigits
        guard let year = Int(fullYear(Substring(yearText))), skip("-"), let month = upToTwo(), skip("-"), let day = upToTwo() else { return nil }
        var components = DateComponents(year: year, month: month, day: day, hour: 0, minute: 0, second: 0)
        var zone = timeZone
        if skip("T") || skip(" ") {
            while skip(" ") {}
            guard let hour = upToTwo(), skip(":"), let minute = number(2) else { return nil }
            components.hour = hour
            components.minute = minute
            if skip(":") {
                guard let second = number(2) else { return nil }
                components.second = second
                if skip(".") { while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 } }
            }
            while skip(" ") {}
            if index < scalars.count {
                // Ruby's `Date._parse` takes a zone right after the time and ignores whatever else
                // follows, so Jekyll builds its own docs' `2023-01-29 18:30:22 2023 -0800` (the
                // `-0800` is not after the time: read in the site's zone). Strata reads it the same way.
                let rest = String(String.UnicodeScalarView(scalars[index...]))
                let firstWord = rest.split(separator: " ", maxSplits: 1).first.map(String.init) ?? rest
                zone = zoneSuffix(rest) ?? zoneSuffix(firstWord) ?? timeZone
                index = scalars.count
            }
        }
        guard index == scalars.count, (1...12).contains(month), (1...31).contains(day) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        // A day past the month's end rolls over, as Ruby's Time.parse rolls it and Jekyll 4.3 publishes
        // it: 2021-02-30 is 2021-03-02. A month outside 1...12 stays an error.
        return calendar.date(from: components)
    }

    /// A year as Ruby's `Date._parse` completes it: two digits are 1969–2068 (`69` is
    /// 1969, `68` is 2068), three or four are the year itself, padded to four digits.
    static func fullYear(_ digits: Substring) -> String {
        guard digits.count == 2, let value = Int(digits) else { return String(repeating: "0", count: max(0, 4 - digits.count)) + digits }
        return String(value >= 69 ? 1900 + value : 2000 + value)
    }

    private static func zoneSuffix(_ text: String) -> TimeZone? {
        if text == "Z" || text == "UTC" || text == "GMT" { return TimeZone(identifier: "UTC") }
        var body = Substring(text)
        guard let sign = body.first, sign == "+" || sign == "-" else { return TimeZone(identifier: text) }
        body.removeFirst()
        let digits = body.filter { $0 != ":" }
        guard digits.count == 4 || digits.count == 2, let value = Int(digits) else { return nil }
        let hours = digits.count == 4 ? value / 100 : value
        let minutes = digits.count == 4 ? value % 100 : 0
        let seconds = (hours * 3600 + minutes * 60) * (sign == "-" ? -1 : 1)
        return TimeZone(secondsFromGMT: seconds)
    }
}
