/// The meeting page (`meetings/show`): the layout's parts and the page model.
struct MeetingPageContext: Encodable {
    let page: PageContext
    let workspace: WorkspaceContext
    let meeting: MeetingPage
}
