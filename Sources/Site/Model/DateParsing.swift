import Foundation

/// Reads the dates authors write in file names and front matter, in the site's zone
/// unless the text names its own offset.
enum DateParsing {
    /// Accepts `2021-03-07`, `2021-03-07 10:20`, `2021-03-07 10:20:30`, with `T` or a space,
    /// optional fractional seconds, and an optional zone: `Z`, `+0100`, `+01:00`, or ` UTC`.
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
        func skip(_ character: Unicode.Scalar) -> Bool {
            guard index < scalars.count, scalars[index] == character else { return false }
            index += 1
            return true
        }
        guard let year = number(4), skip("-"), let month = number(2), skip("-"), let day = number(2) else { return nil }
        var components = DateComponents(year: year, month: month, day: day, hour: 0, minute: 0, second: 0)
        var zone = timeZone
        if skip("T") || skip(" ") {
            while skip(" ") {}
            guard let hour = number(2), skip(":"), let minute = number(2) else { return nil }
            components.hour = hour
            components.minute = minute
            if skip(":") {
                guard let second = number(2) else { return nil }
                components.second = second
                if skip(".") { while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 } }
            }
            while skip(" ") {}
            if index < scalars.count {
                guard let parsed = zoneSuffix(String(String.UnicodeScalarView(scalars[index...]))) else { return nil }
                zone = parsed
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
