import { Module } from '@nestjs/common';
import { GeoModule } from '../geo/geo.module';
import { SearchController } from './search.controller';
import { SearchRepository } from './search.repository';
import { SearchService } from './search.service';
import { SearchTaxonomy } from './search-taxonomy';

@Module({
  imports: [GeoModule],
  controllers: [SearchController],
  providers: [SearchService, SearchRepository, SearchTaxonomy],
  exports: [SearchService, SearchRepository],
})
export class SearchModule {}
