/// Rewrites the store's SQL (the common subset of SQLite and PostgreSQL, `?` placeholders) for PostgreSQL. Pure, so
/// it is tested without a server. What it rewrites, and nothing else:
/// - `?` outside quotes becomes `$1`, `$2`, ... in order, and a numbered `?12` becomes `$12`;
/// - `INSERT OR IGNORE INTO ...` becomes `INSERT INTO ... ON CONFLICT DO NOTHING` (before any `RETURNING`);
/// - `AS REAL)` and `AS INTEGER)` in a cast become `AS DOUBLE PRECISION)` and `AS BIGINT)` (PostgreSQL's `real`
///   and `integer` are 4 bytes; SQLite's are 8).
///
/// Everything else the store writes means the same in both (`ON CONFLICT (...) DO UPDATE ... excluded.x`,
/// `RETURNING`, `EXISTS`, `COALESCE`, `MAX`); a statement that does not is written per dialect at its call site.
public enum PostgresDialect {
    public static func translate(_ sql: String) -> String {
        let characters = Array(sql)
        var out = ""
        out.reserveCapacity(sql.utf8.count + 16)
        var parameter = 0
        var quote: Character?
        var i = 0
        while i < characters.count {
            let character = characters[i]
            i += 1
            if let open = quote {
                if character == open { quote = nil }
                out.append(character)
                continue
            }
            switch character {
            case "'", "\"":
                quote = character
                out.append(character)
            case "?":
                var digits = ""
                while i < characters.count, characters[i].isASCII, characters[i].isNumber {
                    digits.append(characters[i])
                    i += 1
                }
                if digits.isEmpty {
                    parameter += 1
                    digits = String(parameter)
                }
                out += "$" + digits
            default:
                out.append(character)
            }
        }
        if let range = out.range(of: "INSERT OR IGNORE INTO", options: [.caseInsensitive]) {
            out.replaceSubrange(range, with: "INSERT INTO")
            var body = out.trimmingCharacters(in: .whitespacesAndNewlines)
            if body.hasSuffix(";") { body.removeLast() }
            if let returning = body.range(of: " RETURNING ", options: [.caseInsensitive, .backwards]) {
                body.insert(contentsOf: " ON CONFLICT DO NOTHING", at: returning.lowerBound)
            } else {
                body += " ON CONFLICT DO NOTHING"
            }
            out = body
        }
        return out.replacingOccurrences(of: " AS REAL)", with: " AS DOUBLE PRECISION)", options: .caseInsensitive)
            .replacingOccurrences(of: " AS INTEGER)", with: " AS BIGINT)", options: .caseInsensitive)
    }
}
