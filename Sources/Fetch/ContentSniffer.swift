/// Decides from headers and first bytes whether an answer is HTML worth downloading.
enum ContentSniffer {
    /// What the `Content-Type` alone says.
    enum TypeVerdict: Equatable {
        /// text/html or application/xhtml+xml: download, but still check the first bytes for a binary signature.
        case html
        /// Missing or unknown/unknown: download only if the first bytes look like text.
        case unknown
        /// Any other declared type: skip without reading the body.
        case notHTML
    }

    static func verdict(contentType: String?) -> TypeVerdict {
        guard let contentType else { return .unknown }
        // Byte-level: this runs once per answer, and Foundation's trimming costs more than the rest of it.
        var mime = contentType.utf8.prefix { $0 != 0x3B }[...]
        while let f = mime.first, f == 0x20 || f == 0x09 { mime = mime.dropFirst() }
        while let l = mime.last, l == 0x20 || l == 0x09 { mime = mime.dropLast() }
        switch String(decoding: mime, as: UTF8.self).lowercased() {
        case "text/html", "application/xhtml+xml": return .html
        // WHATWG MIME Sniffing treats these as no type at all. application/octet-stream is not among them:
        // browsers download it rather than render it, so it is not HTML (blogs serve attachments so).
        case "", "unknown/unknown", "application/unknown", "*/*": return .unknown
        default: return .notHTML
        }
    }

    /// Signatures of binary formats commonly mislabelled or unlabelled on blogs (attachments, images, archives).
    static let binarySignatures: [(offset: Int, bytes: [UInt8])] = [
        (0, Array("%PDF-".utf8)),
        (0, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),   // PNG
        (0, [0xFF, 0xD8, 0xFF]),                                 // JPEG
        (0, Array("GIF87a".utf8)), (0, Array("GIF89a".utf8)),
        (0, [0x50, 0x4B, 0x03, 0x04]),                           // ZIP (also docx, epub, jar)
        (0, [0x1F, 0x8B]),                                       // gzip file (not Content-Encoding)
        (0, Array("RIFF".utf8)),                                 // WebP, WAV, AVI
        (4, Array("ftyp".utf8)),                                 // MP4, MOV, HEIC
        (0, Array("OggS".utf8)),
        (0, Array("ID3".utf8)),                                  // MP3
        (0, [0x7F, 0x45, 0x4C, 0x46]),                           // ELF
        (0, [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]),               // 7z
        (0, Array("Rar!".utf8)),
        (0, [0x00, 0x61, 0x73, 0x6D]),                           // wasm
        (0, [0x1A, 0x45, 0xDF, 0xA3]),                           // Matroska/WebM
    ]

    /// True when `prefix` (the first bytes of the decoded body) starts like a known binary format.
    static func looksBinary(_ prefix: UnsafeRawBufferPointer) -> Bool {
        for (offset, sig) in binarySignatures where prefix.count >= offset + sig.count {
            var match = true
            for i in 0..<sig.count where prefix[offset + i] != sig[i] { match = false; break }
            if match { return true }
        }
        return false
    }

    /// Whether the first decoded bytes of an answer whose `Content-Type` gave `declared` are binary: a known
    /// binary format whatever the type said, or control bytes when the type said nothing.
    static func isBinary(_ prefix: UnsafeRawBufferPointer, declared: TypeVerdict) -> Bool {
        looksBinary(prefix) || (declared == .unknown && hasBinaryBytes(prefix))
    }

    /// Bytes inspected for control characters when the type says nothing (WHATWG MIME Sniffing uses 512).
    static let sniffLength = 512

    /// True when the first `sniffLength` bytes hold a "binary data byte" (WHATWG MIME Sniffing §7.2:
    /// controls other than TAB, LF, FF, CR and ESC), which no text or HTML document contains.
    /// A UTF-16 byte-order mark exempts the body (its text has NUL bytes).
    static func hasBinaryBytes(_ prefix: UnsafeRawBufferPointer) -> Bool {
        if prefix.count >= 2, (prefix[0] == 0xFE && prefix[1] == 0xFF) || (prefix[0] == 0xFF && prefix[1] == 0xFE) {
            return false
        }
        for b in prefix.prefix(sniffLength) where b < 0x20 {
            switch b {
            case 0x09, 0x0A, 0x0C, 0x0D, 0x1B: continue
            default: return true
            }
        }
        return false
    }
}
