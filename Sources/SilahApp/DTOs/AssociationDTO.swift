import Vapor

struct AssociationDTO: Content {
    let slug: String
    let nameAr: String
    let nameEn: String

    init(_ association: Association) {
        slug = association.slug
        nameAr = association.nameAr
        nameEn = association.nameEn
    }
}
