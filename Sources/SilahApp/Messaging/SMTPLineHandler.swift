import NIOCore
import Vapor

/// Splits the server's replies into lines and hands each complete reply (the last line of a
/// multi-line one has a space after its code) to the command waiting for it.
final class SMTPLineHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    struct Reply {
        let code: Int
        let lines: [String]
    }

    private var buffer = ""
    private var collected: [String] = []
    private var waiting: EventLoopPromise<Reply>?
    private var ready: [Reply] = []
    private var waitingNumber = 0
    /// A server that stops answering fails the message instead of holding the worker.
    static let replyTimeout = TimeAmount.seconds(30)

    /// Writes `command` (if any) and waits for the next reply. Called from outside the event loop.
    func send(_ command: String?, on channel: any Channel) -> EventLoopFuture<Reply> {
        channel.eventLoop.flatSubmit {
            let promise = channel.eventLoop.makePromise(of: Reply.self)
            if !self.ready.isEmpty {
                promise.succeed(self.ready.removeFirst())
            } else {
                self.waiting = promise
                self.waitingNumber += 1
                let number = self.waitingNumber
                channel.eventLoop.scheduleTask(in: Self.replyTimeout) {
                    guard self.waitingNumber == number, let waiting = self.waiting else { return }
                    self.waiting = nil
                    waiting.fail(SMTPFailure(description: "SMTP server did not answer in time"))
                    channel.close(promise: nil)
                }
            }
            if let command {
                channel.writeAndFlush(channel.allocator.buffer(string: command + "\r\n"), promise: nil)
            }
            return promise.futureResult
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        buffer += bytes.readString(length: bytes.readableBytes) ?? ""
        while let end = buffer.range(of: "\r\n") {
            let line = String(buffer[..<end.lowerBound])
            buffer.removeSubrange(..<end.upperBound)
            guard line.count >= 3, let code = Int(line.prefix(3)) else { continue }
            collected.append(String(line.dropFirst(4)))
            if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] == " " {
                let reply = Reply(code: code, lines: collected)
                collected = []
                if let waiting {
                    self.waiting = nil
                    waiting.succeed(reply)
                } else {
                    ready.append(reply)
                }
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        waiting?.fail(SMTPFailure(description: "SMTP server closed the connection"))
        waiting = nil
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        waiting?.fail(SMTPFailure(description: "SMTP connection failed"))
        waiting = nil
        context.close(promise: nil)
    }
}
