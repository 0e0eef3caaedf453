import CCurl

/// Turns a finished transfer into a response or a typed error.
enum CurlResult {
    static func make(transfer: CurlTransfer, code: CURLcode) -> Result<HTTPResponse, HTTPError> {
        let target = transfer.target
        guard code == CURLE_OK else {
            if transfer.overflowed { return .failure(HTTPError(.tooLarge, target: target)) }
            let reason = String(cString: curl_easy_strerror(code))
            return .failure(HTTPError(kind(of: code), target: target, reason: reason))
        }
        let status = transfer.handle.infoLong(CURLINFO_RESPONSE_CODE)
        var retryAfter: Double? = nil
        if status == 429 || status == 503 {
            let fromCurl = transfer.handle.infoOff(CURLINFO_RETRY_AFTER)
            if fromCurl > 0 {
                retryAfter = Double(fromCurl)
            } else if let header = transfer.headers.first(where: { $0.0.lowercased() == "retry-after" }) {
                retryAfter = HeaderParsing.retryAfterSeconds(header.1)
            }
        }
        return .success(HTTPResponse(status: status == 0 ? transfer.status : status, headers: transfer.headers,
                                     body: transfer.body, retryAfter: retryAfter))
    }

    static func kind(of code: CURLcode) -> HTTPError.Kind {
        switch code {
        case CURLE_OPERATION_TIMEDOUT: .timeout
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: .dns
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CACERT_BADFILE,
             CURLE_SSL_PINNEDPUBKEYNOTMATCH: .tls
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL: .invalidRequest
        case CURLE_BAD_CONTENT_ENCODING: .malformedBody
        default: .connection  // refused, reset, closed early, partial body, send/recv errors
        }
    }
}
