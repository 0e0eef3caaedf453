import Foundation
import Glibc

/// `y`: copies through OSC 52, which terminals (and tmux with set-clipboard) honour, also over SSH.
enum Clipboard {
    static func copy(_ text: String) {
        let seq = "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
        _ = seq.withCString { write(1, $0, strlen($0)) }
    }
}
